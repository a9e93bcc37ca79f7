/* The drawing primitives the timeline (viewer_draw.c) and the panel
 * (viewer_panel.c) share: filled rectangles and text. */
#include <stdarg.h>
#include <stdio.h>

#include "sim/viewer/viewer_ui.h"

void ui_fill(struct viewer_ui *u, int x, int y, int w, int h, SDL_Color c)
{
	SDL_SetRenderDrawColor(u->ren, c.r, c.g, c.b, c.a);
	SDL_Rect r = { x, y, w, h };
	SDL_RenderFillRect(u->ren, &r);
}

void ui_text(struct viewer_ui *u, int x, int y, SDL_Color c, const char *s)
{
	if (!s[0])
		return;
	SDL_Surface *surf = TTF_RenderUTF8_Blended(u->font, s, c);
	if (!surf)
		return;
	SDL_Texture *tex = SDL_CreateTextureFromSurface(u->ren, surf);
	if (tex) {
		SDL_Rect r = { x, y, surf->w, surf->h };
		SDL_RenderCopy(u->ren, tex, NULL, &r);
		SDL_DestroyTexture(tex);
	}
	SDL_FreeSurface(surf);
}

void ui_textf(struct viewer_ui *u, int x, int y, SDL_Color c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ui_text(u, x, y, c, buf);
}
