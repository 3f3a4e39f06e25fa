"""One Validator shared by threads: the same answers as one thread, with calls overlapping."""
import threading

import tfschema
from conftest import golden_cases

THREADS = 6
ROUNDS = 3


def bodies(profile):
    # Every kind of body, the 180 KB ones (slow enough for calls to overlap) included.
    cases = golden_cases(profile)
    chosen = [case.body for case in cases[::5]]
    chosen += [case.body for case in cases if case.id.startswith("mut/large/")][:20]
    return chosen


def answers_of(validator, chosen):
    out = []
    for body in chosen:
        result = validator.validate(body)
        out.append((validator.is_valid(body), result.status_code, result.body, len(result.errors)))
    return out


def run_threads(target):
    barrier = threading.Barrier(THREADS)
    errors = []

    def run(index):
        try:
            barrier.wait()
            target(index)
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def check_profile(profile):
    chosen = bodies(profile)
    expected = answers_of(tfschema.Validator(profile), chosen)
    shared = tfschema.Validator(profile)
    got = [None] * THREADS

    def work(index):
        # Each thread walks the bodies from its own starting point, so that at
        # any moment the threads validate different bodies.
        start = index * len(chosen) // THREADS
        order = list(range(start, len(chosen))) + list(range(start))
        answers = [None] * len(chosen)
        for _ in range(ROUNDS):
            for i in order:
                result = shared.validate(chosen[i])
                answers[i] = (shared.is_valid(chosen[i]), result.status_code, result.body, len(result.errors))
        got[index] = answers

    run_threads(work)
    for answers in got:
        assert answers == expected
    # The calls overlapped (the GIL is released while validating), each on a
    # validator of its own; never more than one per thread.
    assert 1 < shared._validators_created <= THREADS


def test_shared_validator_v2():
    check_profile("pydantic-v2")


def test_shared_validator_v1():
    check_profile("pydantic-v1")


def test_shared_result():
    result = tfschema.Validator().validate(golden_cases("pydantic-v2")[0].body + b"   ")
    seen = []

    def read(_):
        seen.append((result.body, repr(result.detail), [str(e) for e in result.errors]))

    run_threads(read)
    assert len(set(map(repr, seen))) == 1 and len(seen) == THREADS
