"""Publishing instrument versions from files. Published versions never change."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction

from tillid.core import audit, clock
from tillid.risk import definitions
from tillid.risk.instrument_files import checksum, instrument_file_paths, read_instrument_file
from tillid.risk.models import Instrument


def instrument_publish(
    *, document: dict[str, Any], source_file: str = "", actor: Any = None
) -> tuple[Instrument, bool]:
    """Publish one instrument version; returns it and whether it was new.

    Loading the same content again changes nothing. Different content under a published
    (key, version) is refused: published versions are immutable, a change is a new version.
    Raises ``InstrumentError`` listing every problem.
    """
    definition = definitions.parse(document)
    digest = checksum(document)
    with transaction.atomic():
        existing = Instrument.objects.filter(key=definition.key, version=definition.version).first()
        if existing is not None:
            if existing.checksum != digest:
                newest = Instrument.objects.filter(key=definition.key).order_by("-version").first()
                next_version = (newest.version if newest else definition.version) + 1
                raise definitions.InstrumentError(
                    [
                        f"version: {definition.key} version {definition.version} is already "
                        f"published with different content; published versions cannot change, "
                        f"so publish the change as version {next_version}"
                    ]
                )
            return existing, False
        instrument = Instrument.objects.create(
            key=definition.key,
            version=definition.version,
            name=definition.name,
            definition=document,
            checksum=digest,
            source_file=source_file,
            published_at=clock.now(),
        )
        audit.record(
            actor=actor,
            action="risk.instrument.published",
            target=instrument,
            key=definition.key,
            version=definition.version,
            checksum=digest,
        )
    return instrument, True


def instruments_load(
    *, paths: Iterable[Path] | None = None, actor: Any = None
) -> list[tuple[Instrument, bool]]:
    """Load instrument files (the shipped ones by default), all or nothing.

    Raises ``InstrumentError`` with every problem of every file, each prefixed by its file name.
    """
    files = list(paths) if paths is not None else instrument_file_paths()
    documents: list[tuple[Path, dict[str, Any]]] = []
    errors: list[str] = []
    for path in files:
        try:
            document = read_instrument_file(path)
        except definitions.InstrumentError as error:
            errors.extend(f"{path.name}: {message}" for message in error.errors)
            continue
        errors.extend(f"{path.name}: {message}" for message in definitions.validate(document))
        documents.append((path, document))
    if errors:
        raise definitions.InstrumentError(errors)
    results = []
    try:
        with transaction.atomic():
            for path, document in documents:
                results.append(
                    instrument_publish(document=document, source_file=path.name, actor=actor)
                )
    except definitions.InstrumentError as error:
        raise definitions.InstrumentError(
            [f"{path.name}: {message}" for message in error.errors]
        ) from None
    return results
