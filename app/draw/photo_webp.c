/* photo_webp.c: WebP decoding with libwebp's own scaling, straight into the photo's
 * surface at the box's size. A lossy WebP is decoded a band of rows at a time; a lossless
 * one needs the whole image (libwebp keeps it for its back references). An ICC profile
 * (the extended format's ICCP chunk) is honoured. Thread-safe. */
#include "draw_int.h"

#include <webp/decode.h>
#include <webp/demux.h>

#include <string.h>

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
    VP8StatusCode st = WebPDecode(data, len, &cfg);
    WebPFreeDecBuffer(&cfg.output);
    if (st == VP8_STATUS_NOT_ENOUGH_DATA) {
        /* WebP gives no partial rows through this call: a cut file is refused whole */
        nr_fail(err, NR_ERR_IMAGE, "WebP is cut short");
        SDL_FreeSurface(out);
        return NULL;
    }
    if (st != VP8_STATUS_OK) {
        nr_fail(err, NR_ERR_IMAGE, "WebP cannot be decoded (libwebp status %d)", (int)st);
        SDL_FreeSurface(out);
        return NULL;
    }
    if (memcmp((const char *)data + 12, "VP8X", 4) == 0) {
        /* the profile, if any, is a chunk of the extended format (draw_photo_probe saw its
         * header, so the 16 bytes are there) */
        WebPData d = { data, len };
        WebPDemuxer *dmx = WebPDemux(&d);
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
