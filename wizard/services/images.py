"""Reading a logo's size and writing a copy that fits LinkedIn's limit, with Pillow.

Pillow is imported on first use. Sizes are those of the image as displayed: a JPEG whose
EXIF orientation rotates it reports its upright size, and the copy is written upright.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from wizard.domain.logo import fitted_size

log = logging.getLogger(__name__)

# Files larger than this are not logos; reading them would only cost memory.
MAX_LOGO_FILE_BYTES = 20 * 1024 * 1024


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
    if size > MAX_LOGO_FILE_BYTES:
        raise ImageError(f"The file {path.name} is {size // (1024 * 1024)} MB, too large for a logo. Choose a PNG or JPEG image.")
    try:
        with Image.open(path) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            return upright if upright is not None else image.copy()
    except UnidentifiedImageError:
        raise ImageError(f"The file {path.name} is not an image Pillow can read. Choose a PNG or JPEG file.") from None
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        log.warning("Image %s could not be read: %s", path, error)
        raise ImageError(f"The image {path.name} is damaged or in an unsupported format ({error}). Choose another file.") from None


def image_size(path: Path) -> tuple[int, int]:
    """Return the (width, height) of an image as it is displayed. Raises ImageError."""
    image = _open_upright(path)
    return image.size


def write_fitted_copy(source: Path, target: Path) -> tuple[int, int]:
    """Write a PNG copy of `source` scaled to fit the logo limit; return its size.

    The aspect ratio and transparency are kept: palette images with a transparent
    entry are converted to RGBA before scaling. Raises ImageError.
    """
    from PIL import Image

    image = _open_upright(source)
    if image.mode in ("P", "PA", "LA", "L", "1", "I;16", "I", "F", "CMYK", "YCbCr", "LAB", "HSV"):
        has_alpha = image.mode in ("PA", "LA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha or image.mode == "P" else "RGB")
    width, height = fitted_size(*image.size)
    if (width, height) != image.size:
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".logo-", suffix=".png", dir=target.parent)
        with os.fdopen(descriptor, "wb") as stream:
            image.save(stream, format="PNG", optimize=True)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise ImageError(f"The copy could not be saved to {target}: {error.strerror}. Choose another folder.") from None
    log.info("Wrote a %dx%d logo copy to %s", width, height, target)
    return width, height
