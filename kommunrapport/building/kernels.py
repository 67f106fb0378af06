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
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport = "ipc"
        self.ip = str(Path(tempfile.mkdtemp(prefix="kommunrapport-kernel-")) / "kernel")
