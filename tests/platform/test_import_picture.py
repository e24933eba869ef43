"""The import picture: practice at the bottom, the apps above it, every import declared.

practice (the network, people, roles, scoping and the registries the apps contribute to)
imports none of the apps. The five first apps import practice only (they meet through
practice's registries: navigation, indicators, the board, star blockers, demo steps); the later
ones build on the apps named for them below, each edge with its reason, so a new dependency
between apps is a decision written here, not an accident. No module imports, directly or
through others, a module that imports it back. Imports inside functions count too: a lazy
import is still a dependency.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = "practice"
# app → the apps it may import besides practice
APPS = {
    "points_market": set(),
    "translations": set(),
    # activity categories and campaigns are rows of campaigns; the calendar and the reminders
    # count and notify the stations' activities (volunteers')
    "campaigns": {"volunteers"},
    "volunteers": {"campaigns"},
    # a supervised task notifies its units and names the activities it asks for
    "supervision": {"volunteers"},
    # the 月调度 reads the month's report figures and the supervised tasks; the dashboard shows
    # the month's dispatch in brief
    "dispatch": {"reports", "supervision", "volunteers"},
    "reports": {"campaigns", "dispatch"},
    # the anti-drug council's activities are volunteers' activities; a decision raises a
    # supervised task
    "institutions": {"supervision", "volunteers"},
    # the councils decide bookings and review proposals; honours may belong to campaigns
    "banquets": {"institutions"},
    "honours": {"campaigns", "institutions"},
    # mediators are notified; a mobile post's stops hold activities and services
    "mediation": {"volunteers"},
    "outreach": {"volunteers"},
}
OTHERS = ["config", "bench"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    modules = {
        _module_name(path): path
        for package in [CORE, *APPS, *OTHERS]
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }
    edges = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                candidates = [target, *(f"{target}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                continue
            edges[name].update(c for c in candidates if c in modules and c != name)
    return edges


def _packages_imported(edges) -> dict[str, set[str]]:
    imported = defaultdict(set)
    for source, targets in edges.items():
        for target in targets:
            if source.split(".")[0] != target.split(".")[0]:
                imported[source.split(".")[0]].add(target.split(".")[0])
    return imported


def _cycles(edges) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def test_practice_imports_none_of_the_apps():
    assert _packages_imported(_graph())[CORE] == set()


def test_every_app_is_in_the_picture():
    packages = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert packages == {CORE, *APPS}


def test_each_app_imports_practice_and_only_the_apps_named_for_it():
    imported = _packages_imported(_graph())
    assert {app: imported[app] for app in APPS} == {app: {CORE, *APPS[app]} for app in APPS}


def test_no_module_imports_itself_back():
    assert _cycles(_graph()) == []
