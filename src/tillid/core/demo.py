"""Demo data registry: each app registers a loader; ``manage.py load_demo`` runs them in order.

Loaders must be idempotent (a second run changes nothing) and return lines to print.
Keeping the registry here lets ``core`` run every app's demo data without importing any app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLoader:
    order: int
    name: str
    load: Callable[[], list[str]]


_loaders: dict[str, DemoLoader] = {}


def register(*, order: int, name: str, load: Callable[[], list[str]]) -> None:
    _loaders[name] = DemoLoader(order=order, name=name, load=load)


def loaders() -> list[DemoLoader]:
    return sorted(_loaders.values(), key=lambda loader: (loader.order, loader.name))
