/* qr.c: the article link as a QR code (libqrencode), drawn crisp on a light tile. */
#include "draw_int.h"

#include <qrencode.h>
#include <string.h>

#define QR_QUIET 2 /* modules of light border inside the tile */

SDL_Surface *draw_qr_render(const char *text, int side, struct rgba dark, struct rgba light)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
    SDL_Surface *s = NULL;
    if (!qr)
        return NULL;
    int n = qr->width, module = side / (n + 2 * QR_QUIET);
    if (module >= 1)
        s = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s) {
        uint32_t lc = SDL_MapRGBA(s->format, light.r, light.g, light.b, 0xff);
        uint32_t dc = SDL_MapRGBA(s->format, dark.r, dark.g, dark.b, 0xff);
        int off = (side - module * n) / 2;
        SDL_FillRect(s, NULL, lc);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if (!(qr->data[y * n + x] & 1))
                    continue;
                SDL_Rect r = { off + x * module, off + y * module, module, module };
                SDL_FillRect(s, &r, dc);
            }
        }
    }
    QRcode_free(qr);
    return s;
}
