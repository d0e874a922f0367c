"""The write socket: nginx sends the POSTs to the one endorse-web worker
that serves --write-listen, so that one process makes the commits."""
import os
import signal
import stat

from harness import shared, start_site, wait_for, valid_fields, receipt_code


def _listening_inode(path):
    """The inode of the listening unix socket bound at path."""
    with open("/proc/net/unix") as f:
        next(f)
        for line in f:
            cols = line.split()
            # Flags 00010000: listening; the path is the last column.
            if len(cols) == 8 and cols[7] == path and cols[3] == "00010000":
                return cols[6]
    return None


def _holders(site, inode):
    """The endorse-web workers that hold the socket with that inode."""
    found = []
    for pid in site.workers_of(site.web_pid()):
        try:
            fds = os.listdir("/proc/%d/fd" % pid)
        except FileNotFoundError:
            continue
        for fd in fds:
            try:
                if os.readlink("/proc/%d/fd/%s" % (pid, fd)) == \
                        "socket:[%s]" % inode:
                    found.append(pid)
                    break
            except FileNotFoundError:
                pass
    return found


def _connected(path):
    """Connected (state 03) unix sockets that carry path's name: the
    connections the program accepted on it."""
    with open("/proc/net/unix") as f:
        next(f)
        return sum(1 for line in f
                   if line.split()[-1] == path and line.split()[5] == "03")


def test_one_worker_serves_the_write_socket_and_takes_the_posts():
    site = shared()
    path = os.path.join(site.state, "endorse-web-write.sock")
    st = os.stat(path)
    assert stat.S_ISSOCK(st.st_mode)
    assert st.st_mode & 0o077 == 0, oct(st.st_mode)
    inode = _listening_inode(path)
    assert inode is not None
    assert len(site.workers_of(site.web_pid())) == 2
    assert len(_holders(site, inode)) == 1
    c = site.client()
    receipt_code(c.submit(valid_fields(email="writer@example.org")))
    # nginx sent it there: its connection to the write socket is open.
    assert _connected(path) >= 1


def test_write_socket_worker_killed_is_replaced_and_posts_go_on():
    site = start_site(workers=2)
    try:
        path = os.path.join(site.state, "endorse-web-write.sock")
        inode = _listening_inode(path)
        # The workers may still be starting (slow in instrumented builds).
        wait_for(lambda: len(site.workers_of(site.web_pid())) == 2 and
                 len(_holders(site, inode)) == 1)
        (writer,) = _holders(site, inode)
        os.kill(writer, signal.SIGKILL)
        wait_for(lambda: len(_holders(site, inode)) == 1 and
                 writer not in _holders(site, inode))
        (new,) = _holders(site, inode)
        assert new != writer
        before = site.count()
        c = site.client()
        code = receipt_code(c.submit(valid_fields(email="again@example.org")))
        assert site.count() == before + 1
        assert site.query("SELECT count(*) FROM endorsements WHERE receipt = ?",
                          (code,))[0][0] == 1
    finally:
        site.stop()
