"""A Desktop that returns queued dialog results and records what the program opened.

Handed to the window instead of the real Desktop, so tests see no modal dialog and
need no patching of Qt.
"""

from __future__ import annotations

from pathlib import Path

from wizard.ui.desktop import Desktop


class RecordingDesktop(Desktop):
    def __init__(self, open_succeeds: bool = True) -> None:
        super().__init__()
        self.open_succeeds = open_succeeds
        self.opened: list[str] = []
        self.messages: list[tuple[str, str]] = []
        self.questions: list[tuple[str, str, list[str]]] = []
        self.choices: list[int] = []
        self.open_paths: list[Path] = []
        self.save_paths: list[Path] = []

    def _open(self, url) -> bool:
        self.opened.append(url.toString(url.ComponentFormattingOption.FullyEncoded))
        return self.open_succeeds

    def inform(self, parent, title: str, text: str) -> None:
        self.messages.append((title, text))

    def warn(self, parent, title: str, text: str) -> None:
        self.messages.append((title, text))

    def choose(self, parent, title: str, text: str, buttons: list[str]) -> int:
        self.questions.append((title, text, buttons))
        return self.choices.pop(0) if self.choices else -1

    def open_file_name(self, parent, title: str, file_filter: str) -> str:
        return str(self.open_paths.pop(0)) if self.open_paths else ""

    def save_file_name(self, parent, title: str, suggested: str, file_filter: str) -> str:
        return str(self.save_paths.pop(0)) if self.save_paths else ""
