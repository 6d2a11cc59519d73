"""Time installing and upgrading a generated course pack in a fresh database (``make bench``).

python -m bench                          # 200 lessons x 3 languages: the table of timings
python -m bench --lessons 50             # a smaller pack
python -m bench --profile                # also profile the install and print the hotspots
python -m bench --profile --stats FILE   # and save the profile for pstats or snakeviz
python -m bench --keep DIR               # keep the generated packs and database in DIR
"""

import argparse
import cProfile
import tempfile
from pathlib import Path

from bench.generate_pack import DEFAULT_LESSONS
from bench.pack_install import format_profile, format_table, run_benchmark


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=DEFAULT_LESSONS, help="lessons in the generated pack")
    parser.add_argument("--profile", action="store_true", help="profile the install (which makes it slower)")
    parser.add_argument("--top", type=int, default=30, help="functions to list in each profile table")
    parser.add_argument("--stats", type=Path, help="with --profile: also save the profile to this file")
    parser.add_argument("--keep", type=Path, help="work in this new or empty folder and keep what is made there")
    arguments = parser.parse_args(argv)

    profile = cProfile.Profile() if arguments.profile else None
    if arguments.keep:
        arguments.keep.mkdir(parents=True, exist_ok=True)
        steps = run_benchmark(arguments.keep, arguments.lessons, profile)
    else:
        with tempfile.TemporaryDirectory(prefix="rahnuma-bench-") as workdir:
            steps = run_benchmark(Path(workdir), arguments.lessons, profile)
    print(format_table(steps))
    if profile:
        print("\nThe install ran under the profiler: its time above includes the profiler's overhead.")
        print(format_profile(profile, arguments.top))
        if arguments.stats:
            profile.dump_stats(arguments.stats)
            print(f"profile saved to {arguments.stats}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
