"""Memo caches bounded by bytes, not entries: the one cache behind compare's text helpers.

``@bounded()`` remembers a pure function's results by its positional arguments and drops the
least recently used ones once what it holds weighs more than its budget (``maxbytes``, default
:data:`DEFAULT_MAXBYTES`). The weight is approximate (:func:`weigh`): ``sys.getsizeof`` of the
strings, numbers, tuples, sets, dicts, numpy arrays and attrs records of a result, walked
recursively, plus the strings and tuples among the arguments (other arguments, such as a shared
lexicon, count as one reference) and a fixed cost per entry. A result heavier than the budget is
not kept. Past its first :data:`_EXACT` misses a cache weighs one result in :data:`_EVERY` and
reckons the others from their arguments' weight, at the ratio of results to arguments weighed so
far (a result is what its text holds: words, spans, names); an argument heavier than any weighed
before is weighed exactly.

An entry-bounded ``functools.lru_cache`` keyed on texts holds whatever the texts weigh: 512
whole-document token lists are hundreds of MB. Every bounded cache registers itself:
:func:`clear_all` empties them all, :func:`total_bytes` and :func:`budget` say what they hold and
may hold together. Small caches over a fixed domain (word lists by language) stay
``functools`` caches.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, NamedTuple, ParamSpec, Protocol, TypeVar, cast

import attrs

__all__ = [
    "DEFAULT_MAXBYTES",
    "BoundedCache",
    "CacheInfo",
    "bounded",
    "budget",
    "caches",
    "clear_all",
    "total_bytes",
    "weigh",
]

P = ParamSpec("P")
R = TypeVar("R")

DEFAULT_MAXBYTES = 4 * 1024 * 1024
"""Budget of one cache, in (approximate) bytes: 4 MiB."""

ENTRY_BYTES = 120
"""Fixed cost counted for each entry: the dict slot, the ordered-dict link and the key tuple."""

_REFERENCE = 8

_SAMPLE = 2
"""Most items of a container weighed one by one; a longer one is weighed by its first item.

Every miss of every cache weighs its result, and the long containers cached here are uniform
(a text's word tuples, token keys, offsets): walking eight items with ``sys.getsizeof`` each
took ~8 % of a 20-account collation's CPU, more than the cached work saved on some caches."""

_EXACT = 64
"""Misses of a cache whose results are all weighed exactly (a small cache's, a test's)."""

_EVERY = 8
"""Past :data:`_EXACT` misses, one result in this many is weighed; the others are reckoned.

Weighing every result of every miss was ~4 % of a 20-account collation's CPU (30,000 misses of
a few microseconds each), about a third of what the caches save it."""

_sizeof = sys.getsizeof


def weigh(obj: object) -> int:
    """Approximate bytes of ``obj`` and what it holds: strings, numbers, tuples, lists, sets,
    dicts and attrs records (compared by value), walked recursively (a container of more than
    :data:`_SAMPLE` items is weighed as its first item times its length); an object compared
    by identity (a shared lexicon) counts as one reference."""
    t = type(obj)
    if t is str or t is int or t is float:
        return _sizeof(obj)
    if obj is None or t is bool:
        return 0
    if isinstance(obj, (tuple, list, frozenset, set)):
        if t is not tuple and t is not list and t is not frozenset and t is not set:
            return _sizeof(obj) + sum([weigh(x) for x in obj])  # a named tuple: every field
        n = len(obj)
        if n > _SAMPLE:  # a long container (a text's words or tokens): its first item, scaled
            return _sizeof(obj) + n * _weigh_item(next(iter(obj)))
        return _sizeof(obj) + sum([_weigh_item(x) for x in obj])
    if isinstance(obj, dict):
        return sys.getsizeof(obj) + sum(weigh(k) + weigh(v) for k, v in obj.items())
    nbytes = getattr(obj, "nbytes", None)
    if type(nbytes) is int:  # a numpy array: its buffer (an embedding matrix)
        return max(sys.getsizeof(obj), nbytes)
    names = _RECORDS.get(t)
    if names is None:  # first record of its type: is it one compared by value, with what fields
        names = ()
        if attrs.has(t) and t.__eq__ is not object.__eq__:
            names = tuple(a.name for a in attrs.fields(t))
        _RECORDS[t] = names
    if names:
        return sys.getsizeof(obj) + sum(weigh(getattr(obj, name)) for name in names)
    return _REFERENCE


def _weigh_item(x: Any) -> int:
    """:func:`weigh` of a container's item, without calls for the usual ones: an ASCII string,
    a small int, a short tuple of them (a word and its span), each as ``sys.getsizeof`` has it
    (CPython's compact layouts: :data:`_STR_BYTES` plus one byte a character; :data:`_INT_BYTES`
    below 2**30; :data:`_TUPLE_BYTES` plus a pointer an item)."""
    tx = type(x)
    if tx is str:
        return _STR_BYTES + len(x) if x.isascii() else _sizeof(x)
    if tx is int:
        return _INT_BYTES if -_SMALL_INT < x < _SMALL_INT else _sizeof(x)
    if tx is tuple and len(x) <= 4:  # every item, unscaled
        out = _TUPLE_BYTES + _REFERENCE * len(x)
        for y in x:
            ty = type(y)
            if ty is str:
                out += _STR_BYTES + len(y) if y.isascii() else _sizeof(y)
            elif ty is int:
                out += _INT_BYTES if -_SMALL_INT < y < _SMALL_INT else _sizeof(y)
            else:
                out += weigh(y)
        return out
    return weigh(x)


_STR_BYTES = sys.getsizeof("")
_INT_BYTES = sys.getsizeof(1)
_SMALL_INT = 2**30
_TUPLE_BYTES = sys.getsizeof(())


_RECORDS: dict[type, tuple[str, ...]] = {}
"""By type: the field names of an attrs record compared by value, () for any other object."""


def _weigh_key(args: tuple[Any, ...]) -> int:
    """Weight of a call's arguments: strings and tuples fully, anything else as a reference."""
    out = 0
    for a in args:
        t = type(a)
        if t is str:  # most arguments: a text, most texts ASCII (sys.getsizeof parses keywords)
            out += _STR_BYTES + len(a) if a.isascii() else _sizeof(a)
        elif isinstance(a, (str, tuple)):
            out += weigh(a)
        else:  # a language code's lexicon, a word set: shared, one reference
            out += _REFERENCE
    return out


class CacheInfo(NamedTuple):
    """Hits, misses, budget, entries and accounted bytes of one bounded cache."""

    hits: int
    misses: int
    maxbytes: int
    currsize: int
    nbytes: int


class BoundedCache(Protocol[P, R]):
    """A function with an LRU memo of its results bounded by bytes (see :func:`bounded`)."""

    maxbytes: int
    """The budget; read at each miss, so a changed one applies from the next miss."""
    __wrapped__: Callable[P, R]

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        """Return the cached result for these positional arguments, or compute and keep it."""
        ...

    def cache_info(self) -> CacheInfo:
        """Hits, misses, budget, entries and accounted bytes."""
        ...

    def cache_clear(self) -> None:
        """Forget every result (and the hit and miss counts)."""
        ...


class _Ledger:
    """What one cache has kept and weighed: bytes held, misses, and the weights of the
    arguments and results weighed exactly (their ratio reckons the others' results)."""

    __slots__ = ("heaviest_key", "misses", "nbytes", "weighed_keys", "weighed_values")

    def __init__(self) -> None:
        self.nbytes = self.misses = 0
        self.weighed_keys = self.weighed_values = self.heaviest_key = 0

    def reckon(self, args: tuple[Any, ...], value: object) -> int:
        """Weight of a call's arguments and result: the result weighed, or reckoned from the
        arguments' weight (see the module's docstring)."""
        key = _weigh_key(args)
        n = self.misses
        if n < _EXACT or n % _EVERY == 0 or key > self.heaviest_key or not self.weighed_keys:
            result = weigh(value)
            self.weighed_keys += key
            self.weighed_values += result
            self.heaviest_key = max(self.heaviest_key, key)
            return key + result
        return key + key * self.weighed_values // self.weighed_keys


def _memoised(func: Callable[P, R], maxbytes: int) -> BoundedCache[P, R]:
    """``func`` with an LRU memo of its results holding at most ``maxbytes`` (registered).

    A closure, not an object with ``__call__``: a hit is one Python call with the state in
    its cells (an instance's ``__call__`` cost ~2x a hit's dictionary work in attribute reads
    and argument re-packing, on ~70,000 hits a 20-account collation).
    """
    data: OrderedDict[tuple[Any, ...], tuple[R, int]] = OrderedDict()
    get, to_end = data.get, data.move_to_end
    ledger = _Ledger()
    lock = threading.Lock()
    hits = 0
    positional: Callable[..., R] = func  # called with the positional arguments only

    def cached(*args: P.args, **kwargs: P.kwargs) -> R:
        nonlocal hits
        if kwargs:
            return func(*args, **kwargs)  # keyword calls are not memoised
        hit = get(args)
        if hit is not None:
            hits += 1
            # contextlib.suppress would cost more than the lookup it guards, on the hot path
            try:  # noqa: SIM105
                to_end(args)
            except KeyError:  # evicted by another thread in between: still a valid result
                pass
            return hit[0]
        value = positional(*args)
        size = ENTRY_BYTES + ledger.reckon(args, value)
        with lock:
            ledger.misses += 1
            if size > cache.maxbytes or args in data:
                return value
            data[args] = (value, size)
            ledger.nbytes += size
            while ledger.nbytes > cache.maxbytes:
                _, (_, dropped) = data.popitem(last=False)
                ledger.nbytes -= dropped
        return value

    def cache_info() -> CacheInfo:
        """Hits, misses, budget, entries and accounted bytes."""
        return CacheInfo(hits, ledger.misses, cache.maxbytes, len(data), ledger.nbytes)

    def cache_clear() -> None:
        """Forget every result (and the hit and miss counts)."""
        nonlocal hits, ledger
        with lock:
            data.clear()
            hits = 0
            ledger = _Ledger()

    functools.update_wrapper(cached, func)
    cache = cast("BoundedCache[P, R]", cached)
    cache.maxbytes = maxbytes
    cache.cache_info = cache_info  # type: ignore[method-assign]
    cache.cache_clear = cache_clear  # type: ignore[method-assign]
    _REGISTRY.append(cache)
    return cache


_REGISTRY: list[BoundedCache[Any, Any]] = []


def bounded(maxbytes: int = DEFAULT_MAXBYTES) -> Callable[[Callable[P, R]], BoundedCache[P, R]]:
    """Decorate a pure function with an LRU cache of its results holding at most ``maxbytes``."""

    def decorate(func: Callable[P, R]) -> BoundedCache[P, R]:
        return _memoised(func, maxbytes)

    return decorate


def caches() -> tuple[BoundedCache[Any, Any], ...]:
    """Every bounded cache created so far."""
    return tuple(_REGISTRY)


def clear_all() -> None:
    """Empty every bounded cache."""
    for cache in _REGISTRY:
        cache.cache_clear()


def total_bytes() -> int:
    """What every bounded cache holds together, in accounted bytes."""
    return sum(cache.cache_info().nbytes for cache in _REGISTRY)


def budget() -> int:
    """What every bounded cache may hold together: the sum of their budgets."""
    return sum(cache.maxbytes for cache in _REGISTRY)
