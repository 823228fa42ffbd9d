/* photo_webp.c: WebP decoding with libwebp's own scaling, straight into the photo's
 * surface at the box's size. A lossy WebP is decoded a band of rows at a time; a lossless
 * one needs the whole image at 4 bytes a pixel (libwebp keeps it for its back references),
 * and past WEBP_LOSSLESS_MAX_BYTES it is refused. A file cut short is decoded as far as it
 * goes (libwebp's incremental decoder) and its rows kept. An ICC profile (the extended
 * format's ICCP chunk) is honoured. Thread-safe. */
#include "draw_int.h"

#include <webp/decode.h>
#include <webp/demux.h>

#include <string.h>

/* A lossless WebP's whole image: 16 megapixels. Past it a kiosk of about 60 MB would come
 * near the unit's MemoryMax=256M with the photo on either side of a change. */
#define WEBP_LOSSLESS_MAX_BYTES ((uint64_t)64 * 1024 * 1024)

/* The rows [0, rows) of s in a new surface of their own; s is freed. NULL on OOM. */
static SDL_Surface *keep_top(SDL_Surface *s, int rows)
{
    SDL_Surface *t = SDL_CreateRGBSurfaceWithFormat(0, s->w, rows, 32, SDL_PIXELFORMAT_ARGB8888);
    if (t)
        for (int y = 0; y < rows; y++)
            memcpy((uint8_t *)t->pixels + (size_t)y * t->pitch,
                   (const uint8_t *)s->pixels + (size_t)y * s->pitch, (size_t)s->w * 4);
    SDL_FreeSurface(s);
    return t;
}

SDL_Surface *draw_photo_webp_decode(const void *data, size_t len, int w, int h, int box_w,
                                    int box_h, struct photo_info *info, struct nr_err *err)
{
    WebPDecoderConfig cfg;
    int dw, dh;
    info->decoded_pct = 100;
    info->cut_scan = 0;
    info->has_alpha = false;
    if (!WebPInitDecoderConfig(&cfg)) {
        nr_fail(err, NR_ERR_IMAGE, "WebP decoder does not match its header");
        return NULL;
    }
    if (WebPGetFeatures(data, len, &cfg.input) != VP8_STATUS_OK || cfg.input.width != w ||
        cfg.input.height != h) {
        nr_fail(err, NR_ERR_IMAGE, "WebP header cannot be read");
        return NULL;
    }
    if (cfg.input.has_animation) {
        nr_fail(err, NR_ERR_IMAGE, "animated WebP is not shown");
        return NULL;
    }
    if (cfg.input.format == 2 && (uint64_t)w * (uint64_t)h * 4 > WEBP_LOSSLESS_MAX_BYTES) {
        nr_fail(err, NR_ERR_TOO_BIG,
                "lossless WebP of '%dx%d' px needs %llu MiB to decode, over the %llu MiB cap", w, h,
                (unsigned long long)((uint64_t)w * (uint64_t)h * 4 >> 20),
                (unsigned long long)(WEBP_LOSSLESS_MAX_BYTES >> 20));
        return NULL;
    }
    info->has_alpha = cfg.input.has_alpha;
    draw_photo_cover_size(w, h, box_w, box_h, &dw, &dh);
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, dw, dh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out) {
        nr_fail(err, NR_ERR_IMAGE, "no memory for a '%dx%d' photo", dw, dh);
        return NULL;
    }
    if (dw != w || dh != h) {
        cfg.options.use_scaling = 1;
        cfg.options.scaled_width = dw;
        cfg.options.scaled_height = dh;
    }
    /* ARGB8888 lies in memory as B, G, R, A on a little-endian machine, A, R, G, B on a big */
    cfg.output.colorspace = SDL_BYTEORDER == SDL_LIL_ENDIAN ? MODE_BGRA : MODE_ARGB;
    cfg.output.is_external_memory = 1;
    cfg.output.u.RGBA.rgba = out->pixels;
    cfg.output.u.RGBA.stride = out->pitch;
    cfg.output.u.RGBA.size = (size_t)out->pitch * (size_t)dh;
    /* the incremental decoder: given all there is at once, it says how far a file cut
     * short got */
    WebPIDecoder *idec = WebPIDecode(NULL, 0, &cfg);
    if (!idec) {
        nr_fail(err, NR_ERR_IMAGE, "no memory to decode a WebP");
        SDL_FreeSurface(out);
        return NULL;
    }
    VP8StatusCode st = WebPIUpdate(idec, data, len);
    int rows = dh;
    if (st == VP8_STATUS_SUSPENDED) {
        rows = 0;
        if (!WebPIDecGetRGB(idec, &rows, NULL, NULL, NULL))
            rows = 0;
    }
    WebPIDelete(idec);
    WebPFreeDecBuffer(&cfg.output);
    if (st == VP8_STATUS_SUSPENDED || st == VP8_STATUS_NOT_ENOUGH_DATA) {
        if (rows < 1) {
            nr_fail(err, NR_ERR_IMAGE, "WebP is cut short before its first row");
            SDL_FreeSurface(out);
            return NULL;
        }
        /* only the rows that came: the layout crops a shorter photo as any other */
        info->decoded_pct = (int)((int64_t)rows * 100 / dh);
        out = keep_top(out, rows);
        if (!out) {
            nr_fail(err, NR_ERR_IMAGE, "no memory for a '%dx%d' photo", dw, rows);
            return NULL;
        }
    } else if (st != VP8_STATUS_OK) {
        nr_fail(err, NR_ERR_IMAGE, "WebP cannot be decoded (libwebp status %d)", (int)st);
        SDL_FreeSurface(out);
        return NULL;
    }
    if (memcmp((const char *)data + 12, "VP8X", 4) == 0) {
        /* the profile, if any, is a chunk of the extended format (draw_photo_probe saw its
         * header, so the 16 bytes are there) */
        WebPData d = { data, len };
        WebPDemuxer *dmx = WebPDemuxPartial(&d, NULL); /* the chunk comes before the image */
        WebPChunkIterator it;
        if (dmx && (WebPDemuxGetI(dmx, WEBP_FF_FORMAT_FLAGS) & ICCP_FLAG) &&
            WebPDemuxGetChunk(dmx, "ICCP", 1, &it)) {
            draw_photo_icc_to_srgb(out, it.chunk.bytes, it.chunk.size);
            WebPDemuxReleaseChunkIterator(&it);
        }
        WebPDemuxDelete(dmx);
    }
    return out;
}
