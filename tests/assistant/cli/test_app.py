from __future__ import annotations

import io
import json
import logging
import os
import re
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.cli import app as cli
from assistant.db.engine import open_engine, sessions
from assistant.partners import SqlPartnerStore
from index.encoders import make_encoder
from tests.conftest import SMALL, write_jsonl
from tests.fakes import FakeEncoder


@pytest.fixture(autouse=True)
def fake_encoders(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI builds its encoder by name; hand it the fake for these unit tests."""
    for module in ("index", "serve"):
        monkeypatch.setattr(f"assistant.cli.{module}.make_encoder", lambda name: FakeEncoder())
    monkeypatch.setattr("assistant.services.make_encoder", lambda name: FakeEncoder())
    monkeypatch.setenv("BOUSSOLE_ENCODER", "fake")


def test_build_search_and_batch_run(
    tmp_path: Path, small_catalog_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ix = str(tmp_path / "ix")
    assert (
        cli.main(
            ["index", "build", "--catalog", str(small_catalog_file), "--index-dir", ix, "--quiet"]
        )
        == 0
    )
    assert "8 modules" in capsys.readouterr().out

    assert cli.main(["search", "--index-dir", ix, "conduire un chariot élévateur"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(" 1. Cariste")

    queries = write_jsonl(
        tmp_path / "q.jsonl",
        [
            {"id": "q1", "text": "excel tableaux croisés", "style": "keyword"},
            {"id": "q2", "text": "réseaux cisco"},
        ],
    )
    assert cli.main(["search", "--index-dir", ix, "--queries", str(queries), "--k", "3"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["id"] for x in lines] == ["q1", "q2"]
    assert [r["id"] for r in lines[0]["results"]] == ["m3", "m2"]  # the Excel modules only
    assert set(lines[0]["results"][0]) == {"id", "score"}
    assert lines[1]["results"][0]["id"] == "m4"

    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("q1\tm3\t3\nq1\tm2\t1\nq2\tm4\t3\n", encoding="utf-8")
    assert (
        cli.main(["eval", "--index-dir", ix, "--queries", str(queries), "--qrels", str(qrels)]) == 0
    )
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("queries=2 nDCG@10=") and "MRR@10=1.0000" in summary


def test_bad_catalog_exits_non_zero_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "title": "A"}\n{"id": "a", "title": "B"}\n', encoding="utf-8")
    ix = tmp_path / "ix"
    assert cli.main(["index", "build", "--catalog", str(bad), "--index-dir", str(ix)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "bad.jsonl" in err[0] and "line 2" in err[0] and "'id'" in err[0]
    assert not ix.exists() or not (ix / "CURRENT").exists()


def test_catalog_check(small_catalog_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["catalog", "check", str(small_catalog_file)]) == 0
    assert "8 modules, valid" in capsys.readouterr().out


def test_search_without_index_explains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["search", "--index-dir", str(tmp_path / "none"), "excel"]) == 1
    assert "boussole index build" in capsys.readouterr().err


def test_search_needs_text_or_queries(tmp_path: Path) -> None:
    assert cli.main(["search", "--index-dir", str(tmp_path)]) == 2


def test_make_encoder_names() -> None:
    assert make_encoder("e5-small").id == "e5-small"
    assert make_encoder("minilm").id == "minilm"
    assert make_encoder("st:/models/my-model").id == "st:my-model"
    _ = SMALL


def test_serve_refuses_an_index_of_another_encoder(
    tmp_path: Path,
    small_catalog_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ix = str(tmp_path / "ix")
    assert (
        cli.main(
            ["index", "build", "--catalog", str(small_catalog_file), "--index-dir", ix, "--quiet"]
        )
        == 0
    )
    monkeypatch.setattr(
        "assistant.cli.serve.make_encoder", lambda name: FakeEncoder(name="other-model")
    )
    assert cli.main(["serve", "--index-dir", ix, "--port", "1"]) == 1
    err = capsys.readouterr().err
    assert "built with encoder 'fake'" in err and "other-model" in err


def test_serve_refuses_a_database_it_cannot_open(
    tmp_path: Path,
    small_catalog_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ix = str(tmp_path / "ix")
    build = ["index", "build", "--catalog", str(small_catalog_file), "--index-dir", ix, "--quiet"]
    assert cli.main(build) == 0
    monkeypatch.setenv("BOUSSOLE_DATABASE_URL", "postgresql+psycopg://nobody:pw@127.0.0.1:1/x")
    assert cli.main(["serve", "--index-dir", ix, "--port", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "cannot open the database" in err and "pw" not in err


def test_serve_with_workers_needs_redis(
    tmp_path: Path,
    small_catalog_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ix = str(tmp_path / "ix")
    build = ["index", "build", "--catalog", str(small_catalog_file), "--index-dir", ix, "--quiet"]
    assert cli.main(build) == 0
    monkeypatch.delenv("BOUSSOLE_REDIS_URL", raising=False)
    assert cli.main(["serve", "--index-dir", ix, "--workers", "2"]) == 1
    err = capsys.readouterr().err
    assert "2 workers need Redis" in err and "BOUSSOLE_REDIS_URL" in err


def test_serve_starts_uvicorn_workers_on_the_app_factory(
    tmp_path: Path, small_catalog_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    ix = str(tmp_path / "ix")
    build = ["index", "build", "--catalog", str(small_catalog_file), "--index-dir", ix, "--quiet"]
    assert cli.main(build) == 0
    # serve hands its settings to the workers through the environment: give it a copy, so
    # nothing it sets outlives this test (a later server would start with 3 workers).
    monkeypatch.setattr(os, "environ", {**os.environ, "BOUSSOLE_REDIS_URL": "redis://x:6379/0"})
    started: list[tuple[str, dict[str, object]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append((app, kw)))
    assert cli.main(["serve", "--index-dir", ix, "--workers", "3", "--port", "8123"]) == 0
    ((app, options),) = started
    assert app == "web.app:create_app" and options["factory"] is True
    assert options["workers"] == 3 and options["port"] == 8123
    # a worker busy loading a large index is not taken for a hung one
    assert options["timeout_worker_healthcheck"] >= 30
    # Each worker reads its settings from the environment: the resolved ones are handed over.
    assert os.environ["BOUSSOLE_WORKERS"] == "3" and os.environ["BOUSSOLE_INDEX_DIR"] == ix


# Partners -------------------------------------------------------------------------------------


def _url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'boussole.db'}"


def _db_store(tmp_path: Path) -> SqlPartnerStore:
    return SqlPartnerStore(sessions(open_engine(_url(tmp_path))), cache_seconds=0)


def _partners(tmp_path: Path, *argv: str) -> int:
    return cli.main(["partners", *argv, "--database-url", _url(tmp_path)])


def test_partners_add_prints_the_keys_once_and_the_widget_tag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = _partners(
        tmp_path,
        "add",
        "Maison de l'emploi de Namur",
        "--origin",
        "https://www.mde-namur.be/",
        "--origin",
        "http://localhost:3000",
        "--rate-limit",
        "120",
        "--public-url",
        "https://boussole.example.be",
    )
    assert status == 0
    out = capsys.readouterr().out
    pk = re.search(r"publishable key: (pk_\S+)", out)
    sk = re.search(r"secret key: +(sk_\S+)", out)
    assert pk and sk
    assert "maison-de-l-emploi-de-namur" in out
    assert "https://www.mde-namur.be, http://localhost:3000" in out
    assert "120 requests a minute" in out
    assert "shown only now" in out and "only their hashes" in out
    assert (
        f'<script src="https://boussole.example.be/widget.js" data-key="{pk[1]}" async></script>'
        in out.splitlines()
    )
    store = _db_store(tmp_path)
    assert store.by_publishable_key(pk[1]) is not None
    assert store.by_secret_key(sk[1]) is not None

    assert _partners(tmp_path, "list") == 0
    listing = capsys.readouterr().out
    assert pk[1] not in listing and sk[1] not in listing
    assert pk[1][:11] in listing and sk[1][:11] in listing
    assert "[active]" in listing and "https://www.mde-namur.be" in listing


def test_partners_rotate_and_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _partners(tmp_path, "add", "Forem", "--origin", "https://www.leforem.be") == 0
    old = re.findall(r"(?:pk|sk)_\S+", capsys.readouterr().out)
    assert _partners(tmp_path, "rotate", "forem") == 0
    out = capsys.readouterr().out
    new_pk = re.search(r"publishable key: (pk_\S+)", out)
    assert new_pk and "shown only now" in out
    assert 'src="http://127.0.0.1:8000/widget.js"' in out  # the default --public-url
    store = _db_store(tmp_path)
    assert store.by_publishable_key(old[0]) is None
    assert store.by_publishable_key(new_pk[1]) is not None

    assert _partners(tmp_path, "revoke", "Forem") == 0
    assert "revoked" in capsys.readouterr().out.lower()
    assert store.by_publishable_key(new_pk[1]) is None
    assert _partners(tmp_path, "list") == 0
    assert "[revoked " in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["add", "Forem"], "--origin"),
        (["add", "Forem", "--origin", "https://*.leforem.be"], "'https://*.leforem.be'"),
        (["add", "Forem", "--origin", "ftp://leforem.be"], "'ftp://leforem.be'"),
        (["add", "forem", "--origin", "https://other.be"], "already exists"),
        (["add", "Other", "--origin", "https://o.be", "--rate-limit", "0"], "rate limit"),
        (["revoke", "ghost"], "'ghost'"),
        (["rotate", "ghost"], "'ghost'"),
    ],
)
def test_partners_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    assert _partners(tmp_path, "add", "Forem", "--origin", "https://www.leforem.be") == 0
    capsys.readouterr()
    assert _partners(tmp_path, *argv) == 2
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"boussole partners {argv[0]}: ")
    assert needle in err[0]
    assert "pk_" not in captured.out
    assert [p.name for p in _db_store(tmp_path).list()] == ["Forem"]


def test_a_damaged_partners_file_to_import_exits_1_and_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "partners.json"
    path.write_text("{oops", encoding="utf-8")
    monkeypatch.setenv("BOUSSOLE_PARTNERS_FILE", str(path))
    assert _partners(tmp_path, "add", "Forem", "--origin", "https://www.leforem.be") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and "backup" in err[0]
    assert path.read_text(encoding="utf-8") == "{oops"


def test_partners_database_defaults_to_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOUSSOLE_DATABASE_URL", _url(tmp_path))
    monkeypatch.setenv("BOUSSOLE_PARTNERS_FILE", str(tmp_path / "none.json"))
    assert cli.main(["partners", "add", "Forem", "--origin", "https://www.leforem.be"]) == 0
    assert [p.id for p in _db_store(tmp_path).list()] == ["forem"]
    assert cli.main(["partners", "list"]) == 0
    assert "forem  Forem  [active]" in capsys.readouterr().out


def test_partners_list_when_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _partners(tmp_path, "list") == 0
    assert "No partners" in capsys.readouterr().out


def test_demo_partner_registers_and_prints_its_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def stop_at_once(self: ThreadingHTTPServer, poll_interval: float = 0.5) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ThreadingHTTPServer, "serve_forever", stop_at_once)
    argv = ["demo-partner", "--port", "0", "--database-url", _url(tmp_path)]
    assert cli.main(argv) == 0
    err = capsys.readouterr().err
    assert re.search(r"http://127\.0\.0\.1:\d+/", err)
    (partner,) = _db_store(tmp_path).list()
    assert partner.name == "demo" and partner.active

    assert cli.main([*argv, "--boussole-url", "ftp://nope"]) == 2
    err_lines = capsys.readouterr().err.strip().splitlines()
    assert len(err_lines) == 1 and "'ftp://nope'" in err_lines[0]


# Console accounts ---------------------------------------------------------------------------


def _users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main([*argv, "--database-url", _url(tmp_path)])


def test_users_add_hashes_the_password_and_lists_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "a long enough secret\n"
    argv = ("users", "add", "Ana@Forem.be", "--role", "admin", "--password-stdin")
    assert _users(tmp_path, monkeypatch, *argv, stdin=secret) == 0
    assert "added ana@forem.be (admin)" in capsys.readouterr().out
    assert _users(tmp_path, monkeypatch, "users", "list") == 0
    out = capsys.readouterr().out
    assert "ana@forem.be  admin  [active]" in out and "secret" not in out
    engine = open_engine(_url(tmp_path))
    from assistant.console import Accounts

    assert Accounts(sessions(engine)).authenticate("ana@forem.be", secret.strip()) is not None


@pytest.mark.parametrize(
    ("argv", "stdin", "needle"),
    [
        (("users", "add", "x@y.be", "--password-stdin"), "short\n", "too short"),
        (("users", "add", "nope", "--password-stdin"), "a long enough secret\n", "e-mail"),
        (("users", "add", "ana@forem.be", "--password-stdin"), "a long enough secret\n", "exists"),
        (("users", "disable", "ghost@forem.be"), "", "no account"),
    ],
)
def test_users_bad_input_is_one_line_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    stdin: str,
    needle: str,
) -> None:
    add = ("users", "add", "ana@forem.be", "--password-stdin")
    assert _users(tmp_path, monkeypatch, *add, stdin="a long enough secret\n") == 0
    capsys.readouterr()
    assert _users(tmp_path, monkeypatch, *argv, stdin=stdin) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("boussole users ") and needle in err[0]


def test_db_upgrade_and_purge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _users(tmp_path, monkeypatch, "db", "upgrade") == 0
    assert "up to date" in capsys.readouterr().out
    assert _users(tmp_path, monkeypatch, "purge") == 0
    assert "purged 0 expired shortlists" in capsys.readouterr().out


def test_users_commands_keep_alembic_quiet_unless_verbose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    assert _users(tmp_path, monkeypatch, "users", "list") == 0
    assert not [r for r in caplog.records if r.name.startswith("alembic")]
    caplog.clear()
    assert _users(tmp_path, monkeypatch, "users", "list", "--verbose") == 0
    assert [r for r in caplog.records if r.name.startswith("alembic")]
    caplog.clear()
    assert _users(tmp_path, monkeypatch, "db", "upgrade") == 0
    assert not [r for r in caplog.records if r.name.startswith("alembic")]


def test_users_add_help_names_the_console_database(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["users", "add", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--database-url URL the console's database: accounts, shortlists" in text
    assert "where partners are kept" not in text
    assert "--password-stdin read the password from standard input" in text
