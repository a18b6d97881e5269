"""One running copy per user and config folder: a second start wakes the first window.

The first process listens on a local socket named after the user and the config
folder; a later process connects, requests that it come to the front, and exits.
"""

from __future__ import annotations

import getpass
import logging
import zlib

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from wizard import APP_ID
from wizard.services import paths

log = logging.getLogger(__name__)

_WAKE_MESSAGE = b"activate\n"
_CONNECT_TIMEOUT_MS = 500


def server_name() -> str:
    """Return the local socket name for this user and config folder.

    A CRC-32 keeps the name short for the socket path limit; zlib is loaded already,
    where hashlib would load OpenSSL before the first window.
    """
    folder = str(paths.config_dir().resolve())
    user = getpass.getuser()
    digest = zlib.crc32(f"{user}\x00{folder}".encode())
    return f"{APP_ID}-{zlib.crc32(user.encode()):08x}-{digest:08x}"


class SingleInstance(QObject):
    """The guard of the running copy.

    Signals:
        activation_requested(): another start of the program asked this one to come forward.
    """

    activation_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name()
        self._server: QLocalServer | None = None

    def wake_running_copy(self) -> bool:
        """Return True when another copy is running and was asked to come forward."""
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(_CONNECT_TIMEOUT_MS):
            return False
        socket.write(_WAKE_MESSAGE)
        socket.flush()
        socket.waitForBytesWritten(_CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        log.info("Another copy is running; asked it to come forward")
        return True

    def listen(self) -> bool:
        """Start listening for later starts; a socket left by a crashed copy is replaced."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._name):
            QLocalServer.removeServer(self._name)
            if not server.listen(self._name):
                log.warning("Single-instance guard could not listen: %s", server.errorString())
                return False
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    @Slot()
    def _on_server_new_connection(self) -> None:
        server = self._server
        if server is None:
            return
        while server.hasPendingConnections():
            connection = server.nextPendingConnection()
            connection.disconnected.connect(connection.deleteLater)
            connection.readyRead.connect(self._on_connection_ready_read)

    @Slot()
    def _on_connection_ready_read(self) -> None:
        connection = self.sender()
        if isinstance(connection, QLocalSocket) and bytes(connection.readAll().data()).startswith(_WAKE_MESSAGE.strip()):
            self.activation_requested.emit()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
