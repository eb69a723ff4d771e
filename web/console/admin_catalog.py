"""Loading a new catalog from the console: upload, check, rebuild in the background.

The uploaded file is copied under ``<index_dir>/../uploads`` and checked whole with
:func:`~corpus.loaders.load_catalog` before anything is built: a bad file is refused (422)
with its line and field. A good one starts a :class:`~assistant.console.rebuild.RebuildJobs`
job with the encoder being served; the job's page follows its progress, and the service swaps to the
new generation by itself once it is published.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from assistant.console import RebuildBusyError, RebuildJobs, SignedIn
from assistant.console.syncs import SyncLog
from corpus.errors import CatalogError
from corpus.freshness import count_freshness
from corpus.loaders import load_catalog
from index.staging import owned_prefix, remove_stale
from web.console.admin import (
    ADMIN_PATH,
    N_,
    AdminCsrfDep,
    admin_page,
    admin_router,
    gettext,
    not_found,
)
from web.console.auth import AdminDep, console_of
from web.console.pages import NO_STORE

router = admin_router()
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
UPLOAD_PATH = "/console/admin/catalog"
# The form around the file: boundaries, headers and the CSRF field.
UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024
SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv")
CHUNK = 1 << 20
UPLOAD_PREFIX = "catalog-"
logger = logging.getLogger(__name__)
_jobs_lock = threading.Lock()


def jobs_of(request: Request) -> RebuildJobs:
    """The app's catalog jobs (one runner per app, made on first use)."""
    state = request.app.state
    with _jobs_lock:
        jobs: RebuildJobs | None = getattr(state, "rebuild_jobs", None)
        if jobs is None:
            jobs = RebuildJobs(console_of(request).db)
            state.rebuild_jobs = jobs
    return jobs


def remove_stale_uploads(index_dir: Path) -> list[str]:
    """Remove uploaded copies left by a server that was killed (called at start)."""
    return remove_stale(index_dir.parent / "uploads", UPLOAD_PREFIX)


def upload_limit(request: Request) -> int:
    """The largest catalog accepted (the body limit allows this path a multipart form of it)."""
    return MAX_UPLOAD_BYTES


def size_text(size: int) -> str:
    """A size as the page says it: ``50 Mo``, ``64 Ko``."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} Mo".replace(".", ",")
    return f"{max(1, size // 1024)} Ko"


def _page(
    request: Request, session: SignedIn, *, status_code: int = 200, **context: Any
) -> HTMLResponse:
    live = request.state.live
    index = live.current().index
    return admin_page(
        request,
        "console/admin_catalog.html",
        session,
        status_code=status_code,
        generation=index.generation.name,
        modules=index.size,
        encoder=index.encoder.id,
        freshness=count_freshness(index.modules, live.freshness.today()),
        hiding_past=live.freshness.hide_past,
        jobs=jobs_of(request).recent(10),
        syncs=SyncLog(console_of(request).db).recent(10),  # console/_catalog_syncs.html
        max_size=size_text(upload_limit(request)),
        **context,
    )


@router.get("/catalog")
def catalog(request: Request, session: AdminDep) -> Response:
    return _page(request, session)


@router.post("/catalog")
async def upload(request: Request, session: AdminCsrfDep) -> Response:
    form = await request.form()
    try:
        return await _upload(request, session, form.get("catalog"))
    finally:
        await form.close()  # the spooled upload's temporary file


async def _upload(request: Request, session: SignedIn, upload: object) -> Response:
    _ = gettext(request)
    if not isinstance(upload, UploadFile) or not upload.filename:
        error = _("Choisissez un fichier de catalogue.")
        return await run_in_threadpool(_page, request, session, status_code=422, error=error)
    name = _safe_name(upload.filename)
    if not name.lower().endswith(SUFFIXES):
        error = _("%(name)s : le catalogue doit être un fichier .jsonl ou .csv.") % {"name": name}
        return await run_in_threadpool(_page, request, session, status_code=422, error=error)
    uploads = Path(request.state.settings.index_dir).parent / "uploads"
    path: Path | None = None
    try:
        path = await run_in_threadpool(_reserve, uploads, name)
        copied = await _copy(upload, path, limit := upload_limit(request))
    except OSError as exc:  # a full or read-only disk: say so, keep nothing
        logger.error("catalog upload not saved in %s: %s", uploads, exc.strerror or exc)
        if path is not None:
            path.unlink(missing_ok=True)
        error = _(
            "Le serveur ne peut pas enregistrer le fichier (disque plein ou en lecture seule) : "
            "rien n'a été reconstruit, l'index servi est inchangé. Prévenez l'exploitant."
        )
        return _page(request, session, status_code=507, error=error)
    if not copied:
        path.unlink(missing_ok=True)
        error = _("%(name)s dépasse la taille maximale (%(size)s).") % {
            "name": name,
            "size": size_text(limit),
        }
        return await run_in_threadpool(_page, request, session, status_code=413, error=error)
    try:
        await run_in_threadpool(load_catalog, path)
    except CatalogError as exc:
        path.unlink(missing_ok=True)
        where = CatalogError(name, exc.reason, line=exc.line, field=exc.field, unit=exc.unit)
        error = _("Catalogue refusé, rien n'a été reconstruit : %(why)s") % {
            "why": where.one_line()
        }
        return await run_in_threadpool(_page, request, session, status_code=422, error=error)
    encoder = request.state.live.current().index.encoder
    index_dir = Path(request.state.settings.index_dir)
    jobs = await run_in_threadpool(jobs_of, request)  # made on first use: reads the rows
    try:  # database writes: in the thread pool, never on the event loop
        job_id = await run_in_threadpool(
            jobs.start, path, encoder, index_dir, session.actor, discard=True
        )
    except RebuildBusyError as exc:
        path.unlink(missing_ok=True)
        return await run_in_threadpool(_page, request, session, status_code=409, error=str(exc))
    return RedirectResponse(f"{ADMIN_PATH}/catalog/jobs/{job_id}", status_code=303)


@router.get("/catalog/jobs/{job_id}.json")
def job_json(request: Request, job_id: int, session: AdminDep) -> Response:
    job = jobs_of(request).get(job_id)
    if job is None:
        return JSONResponse({"detail": "no such catalog job"}, status_code=404, headers=NO_STORE)
    return JSONResponse(job.as_dict(), headers=NO_STORE)


@router.get("/catalog/jobs/{job_id}")
def job_page(request: Request, job_id: int, session: AdminDep, follow: str = "") -> Response:
    """The job's progress; ``?follow=1`` reloads it every 2 s while it runs (the admin's
    choice: a page that reloads by itself unasked fails WCAG 2.2.1)."""
    job = jobs_of(request).get(job_id)
    if job is None:
        return not_found(request, session, N_("Cette reconstruction n'existe pas."))
    return admin_page(
        request,
        "console/admin_job.html",
        session,
        job=job,
        refresh=job.running and follow == "1",
        serving=request.state.live.current().index.generation.name,
    )


@router.post("/catalog/jobs/{job_id}/cancel")
def cancel_job(request: Request, job_id: int, session: AdminCsrfDep) -> Response:
    """Stop a running rebuild; the generation being served stays as it was."""
    if jobs_of(request).get(job_id) is None:
        return not_found(request, session, N_("Cette reconstruction n'existe pas."))
    jobs_of(request).cancel(job_id, session.actor)
    return RedirectResponse(f"{ADMIN_PATH}/catalog/jobs/{job_id}", status_code=303)


def _safe_name(filename: str) -> str:
    """The file's own name, without folders or unusual characters (it names a file here)."""
    base = re.split(r"[\\/]", filename)[-1]
    return re.sub(r"[^\w.\-]+", "_", base).lstrip(".")[-100:] or "catalog"


def _reserve(folder: Path, name: str) -> Path:
    """A new, empty file in ``folder`` ending with ``name`` (never one that exists); copies
    left by a server that was killed are removed first."""
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale(folder, UPLOAD_PREFIX)
    handle, path = tempfile.mkstemp(
        prefix=owned_prefix(UPLOAD_PREFIX), suffix="-" + name, dir=folder
    )
    os.close(handle)
    return Path(path)


async def _copy(upload: UploadFile, path: Path, limit: int) -> bool:
    """Copy ``upload`` to ``path``; False if it is larger than ``limit`` bytes."""
    size = 0
    with open(path, "wb") as out:  # noqa: PTH123 - one write point, as tests simulate a full disk
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > limit:
                return False
            await run_in_threadpool(out.write, chunk)
    return True
