"""The package's layout shows the flow: each subpackage imports only from those before it,
so there is no import cycle between steps (and none between modules)."""
import ast
from pathlib import Path

import kommunrapport

PACKAGE = Path(kommunrapport.__file__).parent
FLOW = ["common", "sources", "model", "presentation", "building", "publishing"]


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(["kommunrapport", *parts])] = path
    return out


def _imports(name: str, path: Path, modules: dict) -> set[str]:
    """The package's modules this one imports (at any depth of the file)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    tree = ast.parse(path.read_text())
    for block in [n for n in ast.walk(tree) if isinstance(n, ast.If)
                  and getattr(n.test, "id", "") == "TYPE_CHECKING"]:
        block.body = []  # type annotations only: no import at run time
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in modules else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {m for m in found if m in modules and m != name}


def test_every_module_lives_in_a_step_of_the_flow():
    loose = [n for n in _modules() if n.count(".") == 1
             and n.split(".")[1] not in FLOW + ["__main__", "bench"]]
    assert not loose


def test_a_step_imports_only_from_the_steps_before_it():
    modules = _modules()
    wrong = []
    for name, path in modules.items():
        step = name.split(".")[1] if name.count(".") >= 1 else None
        if step not in FLOW:
            continue  # the command line and the bench use every step
        for target in _imports(name, path, modules):
            other = target.split(".")[1]
            if other in FLOW and FLOW.index(other) > FLOW.index(step):
                wrong.append(f"{name} -> {target}")
    assert not wrong


def test_no_import_cycle_between_modules():
    modules = _modules()
    graph = {n: _imports(n, p, modules) - {n.rsplit(".", 1)[0]} for n, p in modules.items()}
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                raise AssertionError(" -> ".join(trail[trail.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])


def test_no_function_takes_more_than_five_positional_parameters():
    """Beyond five, a call is read by counting: name the rest (keyword-only parameters)."""
    crowded = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                positional = [a for a in node.args.posonlyargs + node.args.args
                              if a.arg not in ("self", "cls")]
                if len(positional) > 5:
                    crowded.append(f"{name}.{node.name} ({len(positional)})")
    assert not crowded
