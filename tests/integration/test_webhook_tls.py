"""The group-chat webhook over https (issue #13 item 6: 企业微信 and 钉钉
robots speak https only): the robot of test_visits.py behind TLS, with
certificates made here by `openssl req`, each self-signed for 127.0.0.1 and
so its own CA. The sender (libcurl) verifies the certificate and the host
name; BALLAST_TEST_CA, read only under the test suite, names the CA file it
trusts instead of the system's store (docs/testing.md)."""
import shutil
import subprocess
import time

import pytest

import backend

from server import Server
from test_visits import ENV, ESCALATED, OVERDUE, Receiver, outbox, webhook_db

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None,
                                reason="openssl is not installed: no certificate to test with")


def certificate(dir, name):
    """A self-signed certificate for 127.0.0.1 (and localhost): (cert, key)."""
    cert, key = dir / f"{name}.pem", dir / f"{name}.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", f"/CN={name}", "-addext",
                    "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def failures(db):
    con = backend.connect(db)
    try:
        return con.execute("SELECT attempts, sent_at IS NULL, last_error FROM webhook_outbox"
                           " ORDER BY event_key").fetchall()
    finally:
        con.close()


def test_webhook_delivers_over_tls(tmp_path):
    trusted = certificate(tmp_path, "trusted")
    rx = Receiver(tls=trusted)
    assert rx.url.startswith("https://127.0.0.1:")
    db = webhook_db(tmp_path, "wecom", rx.url)
    s = Server(db, env={**ENV, "BALLAST_TEST_CA": str(trusted[0])})
    try:
        got = rx.wait(2)
    finally:
        s.stop()
        rx.close()
    assert sorted(b["text"]["content"] for b in got) == sorted([ESCALATED, OVERDUE])
    assert [r[1:] for r in outbox(db)] == [(1, 1), (1, 1)]


@pytest.mark.parametrize("case", ["another CA trusted", "system store only"])
def test_webhook_refuses_an_untrusted_certificate_and_retries(tmp_path, case):
    """The robot's certificate is signed by no CA the sender trusts: each try
    fails in the TLS handshake (nothing reaches the robot), is logged in the
    outbox and tried again later (1, 2, 4 … seconds)."""
    served = certificate(tmp_path, "robot")
    env = dict(ENV)
    if case == "another CA trusted":
        env["BALLAST_TEST_CA"] = str(certificate(tmp_path, "other")[0])
    rx = Receiver(tls=served)
    db = webhook_db(tmp_path, "dingtalk", rx.url)
    s = Server(db, env=env)
    try:
        end = time.time() + 40
        # Both events queued (the escalation one at a later scan, after the
        # server's own escalation) and each tried at least twice.
        while time.time() < end and not (
                len(failures(db)) == 2 and all(r[0] >= 2 for r in failures(db))):
            time.sleep(0.5)
    finally:
        s.stop()
        rx.close()
    rows = failures(db)
    assert rx.bodies == []
    assert len(rows) == 2
    for attempts, unsent, why in rows:
        assert attempts >= 2 and unsent == 1
        assert "certificate" in why, why
