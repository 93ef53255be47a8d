"""The progress bar: a plain line every 5 s when stderr is a log file, figures that add up."""

from __future__ import annotations

import io

from cli.progress import Bar


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_log_gets_a_line_every_five_seconds_and_the_final_figures() -> None:
    out, clock = io.StringIO(), Clock()
    with Bar("Đang gửi / sending", total=200, out=out, clock=clock) as bar:
        bar.update(0, note="sent 0")
        for done in range(10, 100, 10):  # nine updates over 4.5 s: no new line
            clock.now += 0.5
            bar.update(done)
        clock.now += 0.5
        bar.update(100, note="sent 100")  # 5 s after the first line
    lines = out.getvalue().splitlines()
    assert lines[0] == "Đang gửi / sending 0/200 0.0/s 0% ETA -:-- sent 0"
    assert lines[1] == "Đang gửi / sending 100/200 20.0/s 50% ETA 0:05 sent 100"
    assert lines[2] == lines[1] and len(lines) == 3  # the last figures, once more at the end


def test_bytes_show_sizes_and_speed() -> None:
    out, clock = io.StringIO(), Clock()
    with Bar("Sao lưu / backup", total=4 * 1024 * 1024, unit="bytes", out=out, clock=clock) as bar:
        clock.now += 2
        bar.update(1024 * 1024)
    assert out.getvalue().splitlines()[0] == "Sao lưu / backup 1.0 MB/4.0 MB 512.0 KB/s 25% ETA 0:06"


def test_nothing_written_when_nothing_happened() -> None:
    out = io.StringIO()
    with Bar("Đang gửi / sending", out=out):
        pass
    assert out.getvalue() == ""
