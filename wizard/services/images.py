"""Reading a logo's size and writing a copy that fits LinkedIn's limit, with Pillow.

Pillow is imported on first use. Sizes are those of the image as displayed: a JPEG whose
EXIF orientation rotates it reports its upright size, and the copy is written upright.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from wizard.domain.logo import fitted_size
from wizard.services.files import FileWriteError, write_bytes_atomic

log = logging.getLogger(__name__)

# Files larger than this are not logos; reading them would only cost memory.
MAX_LOGO_FILE_BYTES = 20 * 1024 * 1024
# A small file can still decode to a huge image (a "decompression bomb"). 25 megapixels
# is far beyond any logo and is checked before the pixels are decoded.
MAX_LOGO_PIXELS = 25_000_000


class ImageError(Exception):
    """An image that cannot be used; the message names the file and what to do."""


def _open_upright(path: Path):
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImageError(f"The file {path} was not found. Choose the logo file again.") from None
    except OSError as error:
        raise ImageError(f"The file {path} could not be read: {error.strerror}.") from None
    if path.is_dir():
        raise ImageError(f"{path} is a folder. Choose the logo file itself.")
    if size > MAX_LOGO_FILE_BYTES:
        raise ImageError(f"The file {path.name} is {size // (1024 * 1024)} MB, too large for a logo. Choose a PNG or JPEG image.")
    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_LOGO_PIXELS:
                raise ImageError(
                    f"The image {path.name} is {width}\u00d7{height} pixels, far too large for a logo. "
                    "Choose a smaller PNG or JPEG image."
                )
            image.load()
            upright = ImageOps.exif_transpose(image)
            return upright if upright is not None else image.copy()
    except UnidentifiedImageError:
        raise ImageError(f"The file {path.name} is not an image Pillow can read. Choose a PNG or JPEG file.") from None
    except Image.DecompressionBombError:
        # Pillow raises this from Image.open, before the size check above can run.
        raise ImageError(f"The image {path.name} is far too large for a logo. Choose a smaller PNG or JPEG image.") from None
    except OSError as error:
        if error.errno is not None:
            # The file system refused the file; Pillow's decoding errors carry no errno.
            log.warning("Image %s could not be opened: %s", path, error)
            raise ImageError(f"The file {path} could not be read: {error.strerror}.") from None
        log.warning("Image %s could not be read: %s", path, error)
        raise ImageError(f"The image {path.name} is damaged or in an unsupported format ({error}). Choose another file.") from None
    except ValueError as error:
        log.warning("Image %s could not be read: %s", path, error)
        raise ImageError(f"The image {path.name} is damaged or in an unsupported format ({error}). Choose another file.") from None


def image_size(path: Path) -> tuple[int, int]:
    """Return the (width, height) of an image as it is displayed. Raises ImageError."""
    image = _open_upright(path)
    return image.size


def write_fitted_copy(source: Path, target: Path) -> tuple[int, int]:
    """Write a PNG copy of `source` scaled to fit the logo limit; return its size.

    The aspect ratio and transparency are kept. An image whose transparency comes from
    a transparent colour (a PNG tRNS entry) is converted to RGBA before scaling. Scaling
    blends the edge pixels into new colours, which would no longer be transparent.
    The file is written through a temporary file and renamed, so `target` is never left
    half written. Raises ImageError.
    """
    from PIL import Image

    image = _rgb_or_rgba(_open_upright(source))
    width, height = fitted_size(*image.size)
    if (width, height) != image.size:
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    encoded = io.BytesIO()
    image.save(encoded, format="PNG", optimize=True)
    try:
        write_bytes_atomic(target, encoded.getvalue())
    except FileWriteError as error:
        raise ImageError(f"The logo copy was not saved. {error}") from None
    log.info("Wrote a %dx%d logo copy to %s", width, height, target)
    return width, height


def _rgb_or_rgba(image):
    """Convert an image to RGB, or to RGBA when it has any kind of transparency."""
    if image.mode.startswith("I;16"):
        # Grey levels of 16-bit images run to 65535, and a plain conversion clips them to white.
        image = image.convert("I").point(lambda level: level * (1 / 256)).convert("L")
    has_alpha = image.mode in ("RGBA", "PA", "LA", "La", "RGBa") or "transparency" in image.info
    if has_alpha:
        return image if image.mode == "RGBA" else image.convert("RGBA")
    return image if image.mode == "RGB" else image.convert("RGB")
