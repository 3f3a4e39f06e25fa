"""What the tests that start real servers on loopback share: the nginx module's (nginx/tests) and
the Python module's (python/tests, python/bench). Each adds this directory to sys.path."""
import ctypes
import signal
import socket


def die_with_parent():
    """Runs in the child before exec: SIGTERM when the parent dies, however it ends."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port():
    """A loopback port free now (tests run concurrently: never a fixed one)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nesting_depth(body):
    """The deepest [ / { nesting outside strings, in bytes (enough for the ASCII bodies that nest):
    past some depth the server's own stack, not the goldens, decides the answer."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth = max(depth - 1, 0)
    return deepest
