"""The logo rule: LinkedIn's app form takes a logo of at most 80 by 80 pixels."""

from __future__ import annotations

from wizard.domain.model import Company

MAX_LOGO_SIDE = 80


def fits(width: int, height: int) -> bool:
    return 0 < width <= MAX_LOGO_SIDE and 0 < height <= MAX_LOGO_SIDE


def fitted_size(width: int, height: int) -> tuple[int, int]:
    """Return the largest size within the limit that keeps the aspect ratio.

    Sides are rounded to whole pixels and never drop below 1.
    """
    if width <= 0 or height <= 0:
        raise ValueError(f"image size must be positive, not {width}x{height}")
    scale = min(MAX_LOGO_SIDE / width, MAX_LOGO_SIDE / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def logo_problem(company: Company) -> str:
    """Return what is wrong with the chosen logo, or "" when it fits."""
    if not company.logo_path:
        return "Choose the logo file LinkedIn will show for the app."
    if company.logo_width <= 0 or company.logo_height <= 0:
        return f"The logo {company.logo_path!r} could not be read as an image. Choose a PNG or JPEG file."
    if not fits(company.logo_width, company.logo_height):
        return (
            f"The logo is {company.logo_width}\u00d7{company.logo_height} pixels; LinkedIn takes at most "
            f"{MAX_LOGO_SIDE}\u00d7{MAX_LOGO_SIDE}. Use \u201cSave a copy that fits\u201d."
        )
    return ""
