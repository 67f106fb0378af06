"""A kernel manager whose kernels talk over IPC sockets in a private folder.

Chapters execute in parallel processes; over TCP, two kernels starting at once can race
for the same port ("Address already in use", then "Kernel died before replying").
Unix sockets in a folder of their own cannot collide.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager


class IPCKernelManager(AsyncKernelManager):
    def __init__(self, folder: Path | None = None, **kwargs):
        """The kernel's sockets and connection file go in a new folder in `folder` (the build's
        scratch folder, removed with it), or in the system's temporary folder."""
        super().__init__(**kwargs)
        own = Path(tempfile.mkdtemp(prefix="kernel-" if folder else "kommunrapport-kernel-",
                                    dir=folder))
        self.transport = "ipc"
        self.ip = str(own / "kernel")
        self.connection_file = str(own / "kernel.json")
