"""`python -m bench.phases` charges each phase of a request with its own time: a phase run inside
another (a query while serializing) is the inner phase's, and the outer one's clock waits."""

import pytest

from bench import phases


@pytest.fixture
def clock(monkeypatch):
    now = [0.0]
    monkeypatch.setattr(phases.time, "perf_counter", lambda: now[0])
    return now


def test_nested_phases_are_charged_their_own_time(clock):
    timers = phases.Timers()
    timers.enter("other")          # 0: the request
    clock[0] = 1.0
    timers.enter("serialize")      # 1: serializing
    clock[0] = 1.5
    timers.enter("database")       # 1.5: a query while serializing
    clock[0] = 3.5
    timers.leave()                 # 3.5
    clock[0] = 4.0
    timers.leave()                 # 4: serialized
    clock[0] = 4.25
    timers.leave()                 # 4.25: answered
    assert dict(timers.spent) == {"other": 1.25, "serialize": 1.0, "database": 2.0}
    assert not timers.stack


def test_a_wrapped_function_is_timed_and_still_answers_and_raises(clock):
    class Thing:
        def work(self, x):
            clock[0] += 2
            if x < 0:
                raise ValueError(x)
            return x * 10

    timers = phases.Timers()
    timers.wrap(Thing, "work", "database")
    assert Thing().work(4) == 40
    with pytest.raises(ValueError):
        Thing().work(-1)
    assert timers.spent["database"] == 4
    assert not timers.stack
