"""Every user-visible string in wizard/ui goes through Qt's translation functions.

The check reads the source with `ast` and looks at the arguments of the calls that put
text on screen (setText, QPushButton(...), show_note, ...). A string literal there, or
an f-string with words of its own, must instead come from `self.tr(...)`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI_FOLDER = Path(__file__).resolve().parent.parent / "wizard" / "ui"

# Calls whose text arguments are shown to the user.
TEXT_CALLS = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setAccessibleName",
    "setAccessibleDescription", "setTitle", "setSubTitle", "setStatusTip", "showMessage",
    "addMenu", "addItem", "addItems", "setHeaderLabels", "setHeaderLabel", "setPlainText",
    "show_note", "plain_label", "heading_label", "add_text", "inform", "warn", "choose",
    "QPushButton", "QLabel", "QCheckBox", "QRadioButton", "QAction", "QToolBar", "QGroupBox",
    "QMessageBox", "QTreeWidgetItem", "QListWidgetItem", "QDockWidget",
}
# For these calls only the arguments at the given positions are text; the others are
# object names or parents.
TEXT_POSITIONS = {
    "plain_label": (0,),
    "heading_label": (0,),
    "add_text": (0,),
    "show_note": (1,),
    "inform": (1, 2),
    "warn": (1, 2),
    "choose": (1, 2, 3),
}
WORDS = re.compile(r"[A-Za-z]{2,}")
# Addresses shown as examples are the same in every language.
ADDRESS = re.compile(r"^(https?://|mailto:)\S+$")


def call_name(node: ast.Call) -> str:
    function = node.func
    if isinstance(function, ast.Attribute):
        return function.attr
    if isinstance(function, ast.Name):
        return function.id
    return ""


def is_translated(node: ast.AST) -> bool:
    """Return True for self.tr(...), QCoreApplication.translate(...) and calls on their result."""
    if isinstance(node, ast.Call):
        name = call_name(node)
        if name in ("tr", "translate"):
            return True
        if isinstance(node.func, ast.Attribute):
            return is_translated(node.func.value)
    return False


def visible_literals(node: ast.AST) -> list[str]:
    """Return literal words in an argument that did not pass through tr()."""
    if is_translated(node):
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if WORDS.search(node.value) and not ADDRESS.match(node.value) else []
    if isinstance(node, ast.JoinedStr):
        found = []
        for part in node.values:
            if isinstance(part, ast.Constant) and WORDS.search(str(part.value)):
                found.append(str(part.value))
        return found
    if isinstance(node, ast.BinOp):
        return visible_literals(node.left) + visible_literals(node.right)
    if isinstance(node, ast.IfExp):
        return visible_literals(node.body) + visible_literals(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [text for element in node.elts for text in visible_literals(element)]
    return []


def untranslated(source: str, name: str) -> list[str]:
    tree = ast.parse(source, name)
    problems = []
    for node in ast.walk(tree):
        name_of_call = call_name(node) if isinstance(node, ast.Call) else ""
        if name_of_call in TEXT_CALLS:
            positions = TEXT_POSITIONS.get(name_of_call)
            arguments = [argument for index, argument in enumerate(node.args) if positions is None or index in positions]
            arguments += [keyword.value for keyword in node.keywords if keyword.arg not in ("objectName", "object_name")]
            for argument in arguments:
                for text in visible_literals(argument):
                    problems.append(f"{name}:{node.lineno}: {text!r}")
    return problems


def test_ui_strings_are_translatable():
    problems = []
    for path in sorted(UI_FOLDER.rglob("*.py")):
        name = str(path.relative_to(UI_FOLDER.parent.parent))
        problems += untranslated(path.read_text(encoding="utf-8"), name)
    assert problems == []


def test_check_finds_literal():
    source = 'button = QPushButton("Save now")\nlabel.setText(self.tr("Fine"))\nnote.show_note(kind, f"Saved {path}")\n'
    assert untranslated(source, "sample.py") == ["sample.py:1: 'Save now'", "sample.py:3: 'Saved '"]
