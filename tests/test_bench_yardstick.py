"""The Python yardstick that every benchmark run starts with (bench/yardstick.py)."""

from itertools import accumulate

from bench import __main__ as bench_main
from bench import yardstick


def test_the_work_is_the_same_on_every_run():
    assert yardstick.work() == yardstick.work()


def test_the_yardstick_is_the_median_round_in_milliseconds():
    # A clock read before and after each of three rounds that took 5, 1 and 9 ms.
    readings = iter(accumulate([0.0, 0.005, 1.0, 0.001, 1.0, 0.009]))
    assert round(yardstick.measure(rounds=3, clock=lambda: next(readings)), 6) == 5.0


def test_each_benchmark_run_prints_the_yardstick_and_keeps_it_with_its_arguments(monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(yardstick, "measure", lambda: 12.0)
    monkeypatch.setitem(bench_main.BENCHMARKS, "packs", lambda arguments: seen.append(arguments.yardstick_ms))

    assert bench_main.main(["packs"]) == 0

    assert seen == [12.0]
    assert "Python yardstick: 12.0 ms" in capsys.readouterr().out
