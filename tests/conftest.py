"""Test-wide guard: no test may reach the network beyond this machine.

The course promises that nothing at run time downloads weights or data, so every
test runs with non-loopback connections refused. A test that tries one fails with
a clear message instead of passing on a machine that happens to be online.
"""

import ipaddress
import socket

import pytest

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class NetworkBlocked(RuntimeError):
    pass


def _is_local(host) -> bool:
    if host is None or host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(address) -> None:
    if isinstance(address, tuple) and not _is_local(address[0]):
        raise NetworkBlocked(f"tests may not reach the network (tried {address[0]!r})")


def _guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(address)
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(address)
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if not _is_local(host.decode() if isinstance(host, bytes) else host):
        raise NetworkBlocked(f"tests may not resolve {host!r}: no network at run time")
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True, scope="session")
def block_network():
    """Refuse every connection and name lookup that would leave this machine."""
    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", _guarded_connect)
    mp.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    mp.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)
    yield
    mp.undo()


# Every variable that could move the course off the offline backend or rename its models.
BACKEND_VARS = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COURSE_BASE_URL", "COURSE_API_KEY", "COURSE_CHAT_MODEL",
                "COURSE_EMBEDDING_MODEL", "COURSE_FINETUNE_BASE", "COURSE_OPEN_CHAT_MODEL", "COURSE_CACHE",
                "COURSE_OPEN_MODEL")


@pytest.fixture(scope="module")
def offline_environment(tmp_path_factory):
    """A module's tests on the embedded offline backend: backend variables unset, and a working
    folder without the repository's .env."""
    with pytest.MonkeyPatch.context() as mp:
        for name in BACKEND_VARS:
            mp.delenv(name, raising=False)
        mp.chdir(tmp_path_factory.mktemp("no_dotenv"))
        yield
