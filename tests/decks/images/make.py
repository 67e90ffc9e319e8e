"""Makes the pictures of tests/decks/pictures.toml (run with Pillow installed).

Each picture shows where its top-left corner is (a red square) so a wrong
EXIF orientation or a flipped placement is visible at a glance.
"""
from PIL import Image, ImageDraw

def scene(w, h, alpha=False):
    mode = "RGBA" if alpha else "RGB"
    img = Image.new(mode, (w, h), (0, 0, 0, 0) if alpha else (255, 255, 255))
    d = ImageDraw.Draw(img)
    for y in range(h):
        c = int(60 + 150 * y / h)
        d.line([(0, y), (w, y)], fill=(30, c, 200, 255) if alpha else (30, c, 200))
    d.rectangle([0, 0, w // 8, h // 8], fill=(220, 30, 30, 255) if alpha else (220, 30, 30))
    d.ellipse([w // 3, h // 4, 2 * w // 3, 3 * h // 4], fill=(255, 220, 40, 255) if alpha else (255, 220, 40))
    return img

# A wide photo-like JPEG larger than any slide needs: downsampled.
scene(3000, 1600).save("wide.jpg", quality=80)
# A small JPEG embedded unchanged (passed through).
scene(400, 300).save("small.jpg", quality=85)
# A PNG with transparency: the corners stay see-through.
img = scene(600, 400, alpha=True)
ImageDraw.Draw(img).rectangle([500, 300, 600, 400], fill=(0, 0, 0, 0))
img.save("alpha.png")
# A JPEG stored sideways with EXIF orientation 6 (rotate 90° clockwise to view).
upright = scene(300, 500)
stored = upright.transpose(Image.Transpose.ROTATE_90)
exif = Image.Exif()
exif[0x0112] = 6
stored.save("rotated.jpg", quality=85, exif=exif.tobytes())
# GIF and WebP decode too.
scene(320, 200).convert("P").save("small.gif")
scene(320, 200).save("small.webp", quality=80)
