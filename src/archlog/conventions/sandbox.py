"""Jinja from a repository, rendered in a sandbox with hard limits.

A template is code from the repository, so it renders in Jinja's sandbox with more limits
(:func:`render_jinja`): no ``{% include %}``, ``{% import %}`` or ``{% extends %}`` (one-line
error with its line); every loop step, call, attribute and operator counts against a budget
of steps and a time limit; no operation may make a string or list beyond a size limit
(``"x" * 10**9``, ``|center(10**9)``, a ``|replace`` or ``|indent`` that would blow up); the
output is bounded too. Any failure is one :class:`~archlog.errors.ReadError` naming the
template.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archlog.errors import ReadError

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.runtime import Context

#: Limits of one rendering: seconds, steps (loop iterations, calls, operations), the length
#: of any string or list made, the output's length, the bits of any number made.
TIME_LIMIT = 2.0
MAX_STEPS = 200_000
MAX_SIZE = 1_000_000
MAX_OUTPUT = 1_000_000
MAX_BITS = 4096
#: The largest number a template may pass to a call or a filter (a width, a count, a range).
MAX_ARGUMENT = 100_000

_GUARD, _CONCAT = "archlog_loop_steps", "archlog_concat"
_WIDE_FORMAT = re.compile(r"%[^a-zA-Z%]*(?:\d{5,}|\*)|\{[^{}]*\d{5,}[^{}]*\}")


def render_jinja(
    source: str,
    context: dict[str, Any],
    origin: Path | str,
    filters: dict[str, Callable[..., Any]] | None = None,
) -> str:
    """``source`` rendered with ``context`` within the limits; a ReadError naming ``origin``
    (and the line, where known) otherwise. ``filters`` are added to Jinja's, under the same
    guard."""
    budget = _Budget()
    try:
        template = _compile(source, budget, filters or {})
        out: list[str] = []
        size = 0
        for chunk in template.generate(**context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise _Limit(f"the record would be longer than {MAX_OUTPUT:,} characters")
            budget.tick()
            out.append(chunk)
        return "".join(out)
    except ReadError:
        raise
    except _Limit as exc:
        raise ReadError(f"template refused: {exc}", origin, exc.line) from None
    except RecursionError:
        raise ReadError("template error: it calls itself too deeply", origin) from None
    except Exception as exc:  # a template is code: whatever it raises is its error
        line = getattr(exc, "lineno", None)
        raise ReadError(f"template error: {exc}", origin, line) from None


class _Limit(Exception):
    """A template went past one of the limits."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


class _Budget:
    """The steps and time one rendering may take."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + TIME_LIMIT
        self.steps = 0

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise _Limit(f"it takes more than {MAX_STEPS:,} steps")
        if not self.steps & 63 and time.monotonic() > self.deadline:
            raise _Limit(f"it takes longer than {TIME_LIMIT:g} s")


def _compile(source: str, budget: _Budget, filters: dict[str, Callable[..., Any]]) -> Template:
    from jinja2 import nodes
    from jinja2.visitor import NodeTransformer

    class Guard(NodeTransformer):
        """Every loop step counts; ``a ~ b`` is bounded as ``a + b`` is."""

        def visit_For(self, node: nodes.For) -> nodes.Node:
            loop = self.generic_visit(node)
            assert isinstance(loop, nodes.For)
            loop.iter = nodes.Call(nodes.Name(_GUARD, "load"), [loop.iter], [], None, None)
            return loop

        def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
            concat = self.generic_visit(node)
            assert isinstance(concat, nodes.Concat)
            return nodes.Call(nodes.Name(_CONCAT, "load"), concat.nodes, [], None, None)

    env = _environment(budget, filters)
    tree = env.parse(source)
    refused = (
        (nodes.Include, "include"),
        (nodes.Import, "import"),
        (nodes.FromImport, "from … import"),
        (nodes.Extends, "extends"),
    )
    for kind, word in refused:
        found = tree.find(kind)
        if found is not None:
            raise _Limit(f"a template may not use {{% {word} %}}", found.lineno)
    tree = Guard().visit(tree)
    tree.set_environment(env)
    for node in tree.find_all(nodes.Node):
        if not hasattr(node, "lineno") or node.lineno is None:
            node.lineno = 1
    template: Template = env.from_string(tree)
    return template


@functools.cache
def _sandbox_class() -> type[Any]:
    from jinja2.sandbox import SandboxedEnvironment

    class Bounded(SandboxedEnvironment):
        """Jinja's sandbox, with every operation counted and every result bounded."""

        intercepted_binops = frozenset({"+", "*", "**", "%", "//"})
        budget: _Budget

        def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
            self.budget.tick()
            _check_binop(operator, left, right)
            return _sized(super().call_binop(context, operator, left, right))

        def call(__self, __context: Context, __obj: Any, /, *args: Any, **kwargs: Any) -> Any:
            __self.budget.tick()
            _check_arguments(args, kwargs)
            return _sized(super().call(__context, __obj, *args, **kwargs))

        def getattr(self, obj: Any, attribute: str) -> Any:
            self.budget.tick()
            if isinstance(obj, str) and attribute in ("format", "format_map"):
                _check_format(obj)
            return super().getattr(obj, attribute)

        def getitem(self, obj: Any, argument: Any) -> Any:
            self.budget.tick()
            return super().getitem(obj, argument)

    return Bounded


def _environment(budget: _Budget, filters: dict[str, Callable[..., Any]]) -> Any:
    env = _sandbox_class()(
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    env.budget = budget
    env.globals.pop("lipsum", None)
    env.globals["range"] = _bounded_range
    env.globals[_GUARD] = functools.partial(_steps, budget)
    env.globals[_CONCAT] = _concat
    every = {**env.filters, **filters}
    env.filters = {name: _guarded(f, name, budget) for name, f in every.items()}
    return env


def _steps(budget: _Budget, iterable: Iterable[Any]) -> Iterator[Any]:
    for item in iterable:
        budget.tick()
        yield item


def _bounded_range(*args: int) -> range:
    _check_arguments(args, {})
    return range(*args)


def _concat(*parts: Any) -> str:
    texts = [str(part) for part in parts]
    if sum(map(len, texts)) > MAX_SIZE:
        raise _Limit(f"it makes text longer than {MAX_SIZE:,} characters")
    return "".join(texts)


def _guarded(f: Callable[..., Any], name: str, budget: _Budget) -> Callable[..., Any]:
    @functools.wraps(f)  # keeps Jinja's pass_context/pass_environment marks
    def filter_(*args: Any, **kwargs: Any) -> Any:
        budget.tick()
        _check_arguments(args, kwargs)
        values = [a for a in args if not _is_jinja_object(a)]
        if values:
            _check_filter(name, values, kwargs)
        return _sized(f(*args, **kwargs))

    return filter_


def _is_jinja_object(value: Any) -> bool:
    module = type(value).__module__
    return module.startswith("jinja2.")


def _check_filter(name: str, args: list[Any], kwargs: dict[str, Any]) -> None:
    """Refuse a filter call whose result would be too large, before it is made."""
    value = args[0]
    more = args[1:]
    if name == "replace" and isinstance(value, str) and len(more) >= 2:
        old, new = str(more[0]), str(more[1])
        count = value.count(old) if old else len(value) + 1
        if len(value) + count * max(len(new) - len(old), 0) > MAX_SIZE:
            raise _Limit(f"|replace would make text longer than {MAX_SIZE:,} characters")
    elif name == "indent" and isinstance(value, str):
        width = more[0] if more else kwargs.get("width", 4)
        lines = value.count("\n") + 1
        if len(value) + lines * (width if isinstance(width, int) else len(str(width))) > MAX_SIZE:
            raise _Limit(f"|indent would make text longer than {MAX_SIZE:,} characters")
    elif name == "join" and isinstance(value, (list, tuple)):
        if sum(len(v) if isinstance(v, str) else 20 for v in value) > MAX_SIZE:
            raise _Limit(f"|join would make text longer than {MAX_SIZE:,} characters")
    elif name == "format" and isinstance(value, str):
        _check_format(value)
    elif name == "sum" and not isinstance(
        kwargs.get("start", more[1] if len(more) > 1 else 0), (int, float)
    ):
        raise _Limit("|sum adds numbers only")


def _check_arguments(args: Iterable[Any], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
            raise _Limit(f"a number passed on is larger than {MAX_ARGUMENT:,}")


def _check_format(text: str) -> None:
    if _WIDE_FORMAT.search(text):
        raise _Limit("a format with a width of five digits or more")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    ints = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and ints:
        if right > 0 and abs(left) > 1 and right * abs(left).bit_length() > MAX_BITS:
            raise _Limit(f"a number of more than {MAX_BITS} bits")
    elif operator == "*":
        if ints and left.bit_length() + right.bit_length() > MAX_BITS:
            raise _Limit(f"a number of more than {MAX_BITS} bits")
        for seq, times in ((left, right), (right, left)):
            sized = isinstance(seq, (str, list, tuple)) and isinstance(times, int)
            if sized and len(seq) * times > MAX_SIZE:
                raise _Limit(f"it makes a value longer than {MAX_SIZE:,}")
    elif operator == "+" and isinstance(left, (str, list, tuple)):
        if isinstance(right, (str, list, tuple)) and len(left) + len(right) > MAX_SIZE:
            raise _Limit(f"it makes a value longer than {MAX_SIZE:,}")
    elif operator == "%" and isinstance(left, str):
        _check_format(left)


def _sized(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_SIZE:
        raise _Limit(f"it makes a value longer than {MAX_SIZE:,}")
    if isinstance(value, int) and value.bit_length() > MAX_BITS:
        raise _Limit(f"a number of more than {MAX_BITS} bits")
    return value
