"""What a coordinator may upload as a program resource: an allow-list of kinds, each recognised by its extension
and by its first bytes (a renamed executable is not a PDF), and a size limit. Pure: no Django import."""

import io
import zipfile
from dataclasses import dataclass

MAX_BYTES = 10 * 1024 * 1024  # 10 MB
SNIFF_BYTES = 2048


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


KINDS = {
    kind.extension: kind
    for kind in (
        FileKind("pdf", "application/pdf", "PDF"),
        FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
        FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
        FileKind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint"),
        FileKind("png", "image/png", "PNG image"),
        FileKind("jpg", "image/jpeg", "JPEG image"),
        FileKind("jpeg", "image/jpeg", "JPEG image"),
        FileKind("txt", "text/plain; charset=utf-8", "text"),
    )
}
ALLOWED = "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG, JPEG or plain text (.txt)"
# The part every Office Open XML package of that kind holds.
_OFFICE_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


class Refused(ValueError):
    """Why the file cannot be published, in words for the coordinator."""


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_upload(*, name: str, size: int, stream) -> FileKind:
    """The kind of an uploaded file, or Refused saying why not. `stream` is a binary file object (rewound after)."""
    if size > MAX_BYTES:
        raise Refused(f"The file is {size / 1024 / 1024:.1f} MB: files can be at most {MAX_BYTES // 1024 // 1024} MB.")
    if size == 0:
        raise Refused("The file is empty.")
    kind = KINDS.get(extension_of(name))
    if kind is None:
        raise Refused(f"Files of this type cannot be published: upload a {ALLOWED} file.")
    stream.seek(0)
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    if not _content_matches(kind.extension, head, stream):
        raise Refused(
            f"The file's content is not a {kind.label} file, whatever its name says: upload a {ALLOWED} file."
        )
    return kind


def _content_matches(extension: str, head: bytes, stream) -> bool:
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == "txt":
        return _is_text(stream)
    if extension in _OFFICE_PARTS:
        return head.startswith(b"PK\x03\x04") and _is_office(stream, _OFFICE_PARTS[extension])
    return False


def _is_text(stream) -> bool:
    data = stream.read()
    stream.seek(0)
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_office(stream, part: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(stream.read())) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    finally:
        stream.seek(0)
    return "[Content_Types].xml" in names and any(n.startswith(part) for n in names)
