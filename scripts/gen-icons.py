#!/usr/bin/env python3
"""Draws the portal's raster icons from the geometry of web/icons/icon.svg
(a white check on a rounded navy square): icon-192.png and icon-512.png for
the web app manifest, favicon.ico for pages that name no icon. Run after
changing the SVG and commit the outputs; the build only copies them.
Needs Pillow (pip install Pillow)."""
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "web" / "icons"
NAVY, WHITE = (0x0B, 0x4F, 0x8A, 255), (255, 255, 255, 255)


def draw(size: int) -> Image.Image:
    k = 4  # supersampling, then a Lanczos downscale for smooth edges
    s = size * k / 512  # icon.svg's viewBox is 512 x 512
    img = Image.new("RGBA", (size * k, size * k), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([0, 0, size * k - 1, size * k - 1], radius=round(96 * s), fill=NAVY)
    pts = [(136 * s, 270 * s), (222 * s, 356 * s), (380 * s, 168 * s)]
    w = round(56 * s)
    d.line(pts, fill=WHITE, width=w, joint="curve")
    for x, y in (pts[0], pts[-1]):  # round caps
        d.ellipse([x - w / 2, y - w / 2, x + w / 2, y + w / 2], fill=WHITE)
    return img.resize((size, size), Image.LANCZOS)


for n in (192, 512):
    draw(n).save(OUT / f"icon-{n}.png", optimize=True)
draw(256).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
for f in ("icon-192.png", "icon-512.png", "favicon.ico"):
    print(f, (OUT / f).stat().st_size)
