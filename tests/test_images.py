"""Reading logo sizes and writing copies that fit, with real image files."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from wizard.domain import logo
from wizard.domain.model import Company
from wizard.services.images import MAX_LOGO_PIXELS, ImageError, image_size, write_fitted_copy

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
RED = (255, 0, 0)
GREEN = (0, 255, 0)
# The EXIF tag that gives the rotation for display. The value 6 means 90 degrees clockwise.
EXIF_ORIENTATION = 0x0112


def png_header_only(path: Path, width: int, height: int) -> Path:
    """Write a PNG that declares a size but contains no pixel data, as a small 'bomb' would."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))
    return path


def assert_is_png(path: Path) -> None:
    assert path.read_bytes().startswith(PNG_SIGNATURE)
    with Image.open(path) as image:
        assert image.format == "PNG"


# --- image_size -------------------------------------------------------------------------


def test_size_of_png(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    Image.new("RGBA", (200, 120)).save(source)

    assert image_size(source) == (200, 120)


def test_size_of_fitting_logo(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    Image.new("RGB", (80, 80), RED).save(source)

    width, height = image_size(source)

    assert (width, height) == (80, 80)
    assert logo.fits(width, height)
    assert logo.logo_problem(Company(logo_path=str(source), logo_width=width, logo_height=height)) == ""


def test_text_file_named_png(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    source.write_text("This is not a picture.\n", encoding="utf-8")

    with pytest.raises(ImageError) as caught:
        image_size(source)

    assert "logo.png is not an image" in str(caught.value)
    assert "Choose a PNG or JPEG file" in str(caught.value)


def test_empty_file(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    source.write_bytes(b"")

    with pytest.raises(ImageError, match="logo.png is not an image"):
        image_size(source)


def test_missing_file(tmp_path: Path) -> None:
    source = tmp_path / "gone.png"

    with pytest.raises(ImageError) as caught:
        image_size(source)

    assert str(source) in str(caught.value)
    assert "was not found" in str(caught.value)


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="is a folder. Choose the logo file itself"):
        image_size(tmp_path)


def test_truncated_png(tmp_path: Path) -> None:
    full = tmp_path / "full.png"
    Image.effect_noise((120, 120), 64).save(full)
    source = tmp_path / "cut.png"
    source.write_bytes(full.read_bytes()[:400])

    with pytest.raises(ImageError) as caught:
        write_fitted_copy(source, tmp_path / "copy.png")

    assert "cut.png is damaged" in str(caught.value)
    assert not (tmp_path / "copy.png").exists()


def test_huge_declared_size_rejected(tmp_path: Path) -> None:
    source = png_header_only(tmp_path / "huge.png", 6000, 6000)

    assert 6000 * 6000 > MAX_LOGO_PIXELS
    with pytest.raises(ImageError, match="6000\u00d76000 pixels, far too large"):
        image_size(source)


def test_decompression_bomb_rejected(tmp_path: Path) -> None:
    source = png_header_only(tmp_path / "bomb.png", 20000, 20000)

    with pytest.raises(ImageError, match="bomb.png is far too large for a logo"):
        image_size(source)


# --- write_fitted_copy ------------------------------------------------------------------


def test_rgba_logo_scaled_keeps_alpha(tmp_path: Path) -> None:
    source = tmp_path / "wide.png"
    image = Image.new("RGBA", (200, 120), (255, 0, 0, 128))
    for x in range(100):
        for y in range(120):
            image.putpixel((x, y), (0, 0, 255, 0))
    image.save(source)
    target = tmp_path / "fitted.png"

    size = write_fitted_copy(source, target)

    assert size == (80, 48)
    assert_is_png(target)
    with Image.open(target) as copy:
        assert copy.size == (80, 48)
        assert copy.mode == "RGBA"
        assert copy.getpixel((5, 24))[3] == 0
        assert copy.getpixel((75, 24)) == (255, 0, 0, 128)


def test_tall_logo_scaled(tmp_path: Path) -> None:
    source = tmp_path / "tall.png"
    Image.new("RGB", (90, 300), GREEN).save(source)

    assert write_fitted_copy(source, tmp_path / "fitted.png") == (24, 80)


def test_palette_trns_stays_transparent(tmp_path: Path) -> None:
    source = tmp_path / "palette.png"
    image = Image.new("P", (160, 160), 0)
    image.putpalette([255, 255, 255, 0, 0, 255] + [0, 0, 0] * 254)
    for x in range(40, 120):
        for y in range(40, 120):
            image.putpixel((x, y), 1)
    image.save(source, transparency=0)
    with Image.open(source) as written:
        assert written.mode == "P"
        assert written.info["transparency"] == 0
    target = tmp_path / "fitted.png"

    size = write_fitted_copy(source, target)

    assert size == (80, 80)
    with Image.open(target) as copy:
        rgba = copy.convert("RGBA")
        assert rgba.getpixel((2, 2))[3] == 0
        assert rgba.getpixel((40, 40)) == (0, 0, 255, 255)


def test_rgb_colour_key_becomes_alpha(tmp_path: Path) -> None:
    source = tmp_path / "keyed.png"
    image = Image.new("RGB", (160, 100), (1, 2, 3))
    for x in range(80, 160):
        for y in range(100):
            image.putpixel((x, y), RED)
    image.save(source, transparency=(1, 2, 3))
    target = tmp_path / "fitted.png"

    write_fitted_copy(source, target)

    with Image.open(target) as copy:
        assert copy.mode == "RGBA"
        assert copy.getpixel((2, 25))[3] == 0
        assert copy.getpixel((78, 25)) == (*RED, 255)
        # The edge between the two halves is blended, but no pixel there is opaque dark.
        edge = [copy.getpixel((x, 25)) for x in range(38, 42)]
        assert all(alpha == 0 or red > 128 for red, _, _, alpha in edge)


def test_grey_with_alpha_kept(tmp_path: Path) -> None:
    source = tmp_path / "grey.png"
    Image.new("LA", (100, 50), (10, 100)).save(source)
    target = tmp_path / "fitted.png"

    write_fitted_copy(source, target)

    with Image.open(target) as copy:
        assert copy.mode == "RGBA"
        assert copy.getpixel((40, 20)) == (10, 10, 10, 100)


def test_sixteen_bit_grey_not_white(tmp_path: Path) -> None:
    source = tmp_path / "deep.png"
    Image.new("I;16", (100, 100), 30000).save(source)
    target = tmp_path / "fitted.png"

    write_fitted_copy(source, target)

    with Image.open(target) as copy:
        assert copy.mode == "RGB"
        assert copy.getpixel((40, 40)) == (117, 117, 117)


def write_rotated_jpeg(path: Path) -> None:
    """Write a 120x60 JPEG with a red top-left corner and an EXIF rotation of 90 degrees clockwise."""
    image = Image.new("RGB", (120, 60), GREEN)
    for x in range(30):
        for y in range(30):
            image.putpixel((x, y), RED)
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6
    image.save(path, exif=exif.tobytes(), quality=95)


def test_exif_rotated_jpeg_size_upright(tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    write_rotated_jpeg(source)
    with Image.open(source) as stored:
        assert stored.size == (120, 60)

    assert image_size(source) == (60, 120)


def test_exif_rotated_jpeg_copy_upright(tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    write_rotated_jpeg(source)
    target = tmp_path / "fitted.png"

    size = write_fitted_copy(source, target)

    assert size == (40, 80)
    with Image.open(target) as copy:
        assert copy.size == (40, 80)
        # Turned clockwise, the stored top-left corner is shown at the top right.
        top_right = copy.getpixel((copy.width - 2, 1))
        top_left = copy.getpixel((1, 1))
        bottom_right = copy.getpixel((copy.width - 2, copy.height - 2))
        assert top_right[0] > 200
        assert top_right[1] < 60
        assert top_left[1] > 200
        assert top_left[0] < 60
        assert bottom_right[1] > 200
        assert bottom_right[0] < 60


def test_fitting_logo_copied_unscaled(tmp_path: Path) -> None:
    source = tmp_path / "small.jpg"
    Image.new("RGB", (64, 32), RED).save(source, quality=95)
    target = tmp_path / "small.png"

    assert write_fitted_copy(source, target) == (64, 32)
    assert_is_png(target)


def test_copy_replaces_existing_file(tmp_path: Path) -> None:
    source = tmp_path / "wide.png"
    Image.new("RGBA", (200, 120), (255, 0, 0, 128)).save(source)
    target = tmp_path / "out" / "fitted.png"
    target.parent.mkdir()
    target.write_text("an older file", encoding="utf-8")

    write_fitted_copy(source, target)

    assert_is_png(target)
    assert sorted(path.name for path in target.parent.iterdir()) == ["fitted.png"]
    assert image_size(source) == (200, 120)


def test_copy_into_new_folder(tmp_path: Path) -> None:
    source = tmp_path / "wide.png"
    Image.new("RGB", (200, 120), RED).save(source)
    target = tmp_path / "Zo\u00eb" / "Logos" / "fitted.png"

    write_fitted_copy(source, target)

    assert_is_png(target)


def test_copy_to_unwritable_place(tmp_path: Path) -> None:
    source = tmp_path / "wide.png"
    Image.new("RGB", (200, 120), RED).save(source)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "fitted.png"

    with pytest.raises(ImageError) as caught:
        write_fitted_copy(source, target)

    assert "not saved" in str(caught.value)
    assert str(target) in str(caught.value)
    assert blocker.read_text(encoding="utf-8") == "x"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a-file", "wide.png"]


# --- the logo rule ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "fitted"),
    [((200, 120), (80, 48)), ((80, 80), (80, 80)), ((81, 80), (80, 79)), ((1000, 1), (80, 1)), ((10, 10), (10, 10))],
)
def test_fitted_size(size: tuple[int, int], fitted: tuple[int, int]) -> None:
    assert logo.fitted_size(*size) == fitted


def test_fitted_size_rejects_zero() -> None:
    with pytest.raises(ValueError):
        logo.fitted_size(0, 10)


def test_logo_problem_names_size() -> None:
    problem = logo.logo_problem(Company(logo_path="/tmp/logo.png", logo_width=200, logo_height=120))

    assert "200\u00d7120" in problem
    assert "80\u00d780" in problem
