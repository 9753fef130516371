/**
 * The test harness of a humaneval.plus / mbpp.plus program, parity's own Python written from EvalPlus's
 * (evalplus/evalplus@26d6d00b). One program checks one solution against one test suite (base or plus):
 *
 * 1. the ground truth: `prompt + canonical_solution` runs in its own namespace on a deep copy of every input,
 *    timing each call (evaluate.py `get_groundtruth` lines 42-76, gen/util/__init__.py `trusted_exec` 7-30; for
 *    the MBPP tasks whose output is only checked for None the expected values become `is not None`);
 * 2. the solution runs in a fresh namespace with its output swallowed, then its entry point on every input, each
 *    call under an alarm of max(min_time_limit, factor × ground-truth time) seconds, and the whole suite within
 *    min(60, Σ limits) + 1 seconds (eval/__init__.py `untrusted_check` 237-238, `time_limit` in eval/utils.py);
 * 3. every output is compared as eval/__init__.py `unsafe_execute` does (lines 156-205): `==`; EvalPlus's special
 *    oracles (MBPP: 164 any answer, 295 also 0, 581 and 558 against their own oracles, set equality for 8 tasks,
 *    not-None for 3; HumanEval/32 `find_zero` through |poly(x)| ≤ atol); floats with atol 1e-6 when the task's
 *    is 0 — which, as upstream, stays set for the later inputs of the suite — and then `type(out) == type(exp)`,
 *    equal lengths and `np.allclose(out, exp, rtol=1e-07, atol=atol)` (reimplemented: no numpy needed).
 *
 * The first failing input ends the program with an exception that names it (upstream's default `fast_check`), so
 * the sandbox's verdict is the suite's status. MBPP+ inputs are converted as evalplus/data/mbpp.py
 * `mbpp_deserialize_inputs` (lines 47-158) converts them: tuples, sets, complex numbers.
 */
export const evalPlusHarnessPython = String.raw`
import contextlib as _contextlib, copy as _copy, gc as _gc, io as _io_, json as _json, math as _math, signal as _signal, sys as _sys, time as _time

_PARITY_SET_EQUAL = {'similar_elements', 'find_char_long', 'common_in_nested_lists', 'extract_singly', 'larg_nnum',
                     'intersection_array', 'find_dissimilar', 'Diff'}
_PARITY_NOT_NONE = {'check_str', 'text_match_three', 'text_starta_endb'}

def _parity_tuples(value):
    return tuple(_parity_tuples(part) for part in value) if isinstance(value, list) else value

def _parity_mbpp_inputs(task, inputs):
    groups = {
        'args': (2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809),
        'args_items': (63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780),
        'first_items_and_second': (75, 413, 444, 753),
        'second': (106, 750),
        'first_and_second': (250, 405, 446, 617, 720, 763, 808),
        'args_items_then_args': (259, 401, 445),
        'deep': (580, 615, 791),
    }
    kind = next((name for name, tasks in groups.items() if task in tasks), None)
    if kind == 'args':
        return [[tuple(arg) for arg in args] for args in inputs]
    if kind == 'args_items':
        return [[[tuple(part) for part in arg] for arg in args] for args in inputs]
    if kind == 'first_items_and_second':
        return [[[tuple(part) for part in args[0]]] + [args[1]] for args in inputs]
    if kind == 'second':
        return [[args[0]] + [tuple(args[1])] for args in inputs]
    if kind == 'first_and_second':
        return [[tuple(args[0])] + [args[1]] for args in inputs]
    if kind == 'args_items_then_args':
        return [[tuple(tuple(part) for part in arg) for arg in args] for args in inputs]
    if kind == 'deep':
        return [_parity_tuples(args) for args in inputs]
    if task == 115:
        return [[[set(part) if isinstance(part, list) and len(part) else {} for part in args[0]]] for args in inputs]
    if task == 124:
        return [(float(args[0]), complex(args[1])) for args in inputs]
    if task == 278:
        return [[tuple(tuple(part) if isinstance(part, list) else part for part in args[0])] for args in inputs]
    if task == 307:
        return [[tuple(args[0])] + [args[1], args[2]] for args in inputs]
    if task == 722:
        return [[{key: tuple(value) for key, value in args[0].items()}] + args[1:] for args in inputs]
    if task == 252:
        return [[complex(args[0])] for args in inputs]
    return inputs

def _parity_poly(coefficients, x):
    return sum(coefficient * _math.pow(x, power) for power, coefficient in enumerate(coefficients))

def _parity_pyramid_area(base_edge, height):
    slant = _math.sqrt((base_edge / 2) ** 2 + height ** 2)
    return round(base_edge ** 2 + 4 * (base_edge * slant) / 2)

def _parity_digit_distance(first, second):
    first, second = str(first), str(second)
    width = max(len(first), len(second))
    return sum(abs(int(a) - int(b)) for a, b in zip(first.zfill(width), second.zfill(width)))

def _parity_is_floats(value):
    if isinstance(value, float):
        return True
    if isinstance(value, (list, tuple)) and value:
        return all(isinstance(part, float) for part in value)
    return type(value).__module__ == 'numpy' and str(getattr(value, 'dtype', '')) in ('float64', 'float32')

def _parity_close(actual, wanted, atol, rtol=1e-07):
    if isinstance(actual, (list, tuple)) or isinstance(wanted, (list, tuple)):
        if not (isinstance(actual, (list, tuple)) and isinstance(wanted, (list, tuple))) or len(actual) != len(wanted):
            return False
        return all(_parity_close(a, w, atol, rtol) for a, w in zip(actual, wanted))
    if not all(isinstance(x, (bool, int, float, complex)) for x in (actual, wanted)):
        return False
    if _math.isnan(abs(actual)) or _math.isnan(abs(wanted)):
        return False
    if _math.isinf(abs(actual)) or _math.isinf(abs(wanted)):
        return actual == wanted
    return abs(actual - wanted) <= atol + rtol * abs(wanted)

class _ParityTimeout(Exception):
    pass

def _parity_alarm(signum, frame):
    raise _ParityTimeout('Timed out!')

def _parity_show(value):
    text = repr(value)
    return text if len(text) <= 240 else text[:240] + '...'

def _parity_swallow():
    sink = _io_.StringIO()
    stack = _contextlib.ExitStack()
    stack.enter_context(_contextlib.redirect_stdout(sink))
    stack.enter_context(_contextlib.redirect_stderr(sink))
    return stack

def _parity_check(dataset, task_id, suite, entry_point, atol, inputs_json, canonical, solution, sanitize,
                  min_time_limit, factor, task_limit):
    inputs = _json.loads(inputs_json)
    if dataset == 'mbpp':
        inputs = _parity_mbpp_inputs(int(task_id.split('/')[-1]), inputs)
    truth_globals = {}
    exec(compile(canonical, 'ground_truth.py', 'exec'), truth_globals)
    truth = truth_globals[entry_point]
    expected, times = [], []
    for args in inputs:
        args = _copy.deepcopy(args)
        start = _time.time()
        expected.append(truth(*args))
        times.append(_time.time() - start)
    if dataset == 'mbpp' and entry_point in _PARITY_NOT_NONE:
        expected = [value is not None for value in expected]
    # The expected outputs stay alive beside the solution's. Out of the cyclic collector's reach, they do not make
    # the solution's calls slower than the ground truth's own, whose times set the limits (Mbpp/255's outputs hold
    # millions of tuples: without this, its canonical solution times out against itself).
    _gc.freeze()
    limits = [max(min_time_limit, factor * seconds) for seconds in times]
    deadline = _time.monotonic() + min(task_limit, sum(limits)) + 1
    code = _parity_sanitize(solution, entry_point) if sanitize else solution
    solution_globals = {}
    _signal.signal(_signal.SIGALRM, _parity_alarm)
    # Loading the solution counts against the suite's time, as upstream's process limit counts it.
    _signal.setitimer(_signal.ITIMER_REAL, max(deadline - _time.monotonic(), 0.001))
    try:
        with _parity_swallow():
            exec(compile(code, 'solution.py', 'exec'), solution_globals)
    except _ParityTimeout:
        raise _ParityTimeout('%s: the solution did not finish loading within the suite time (%.1f s)'
                             % (suite, min(task_limit, sum(limits)) + 1)) from None
    finally:
        _signal.setitimer(_signal.ITIMER_REAL, 0)
    function = solution_globals[entry_point]
    total = len(inputs)
    for index, args in enumerate(inputs):
        where = '%s test %d of %d, input %s' % (suite, index + 1, total, _parity_show(args))
        remaining = deadline - _time.monotonic()
        if remaining <= 0:
            raise _ParityTimeout('%s: the suite ran out of time (%.1f s)' % (where, min(task_limit, sum(limits)) + 1))
        _signal.setitimer(_signal.ITIMER_REAL, min(limits[index], remaining))
        try:
            with _parity_swallow():
                out = function(*args)
        except _ParityTimeout:
            raise _ParityTimeout('%s: timed out after %.1f s' % (where, min(limits[index], remaining))) from None
        except BaseException as error:
            raise AssertionError('%s: raised %s' % (where, _parity_show(error))) from error
        finally:
            _signal.setitimer(_signal.ITIMER_REAL, 0)
        wanted = expected[index]
        exact = out == wanted
        if dataset == 'mbpp':
            if entry_point == 'are_equivalent':
                exact = True
            elif entry_point == 'sum_div':
                exact = exact or out == 0
            elif entry_point == 'surface_Area':
                exact = exact or abs(out - _parity_pyramid_area(*args)) <= atol
            elif entry_point == 'digit_distance_nums':
                exact = exact or out == _parity_digit_distance(*args)
            elif entry_point in _PARITY_SET_EQUAL:
                exact = set(out) == set(wanted)
            elif entry_point in _PARITY_NOT_NONE:
                exact = out == wanted if isinstance(out, bool) else wanted == (out is not None)
        if dataset == 'humaneval' and entry_point == 'find_zero':
            if not abs(_parity_poly(*args, out)) <= atol:
                raise AssertionError('%s: |poly(x)| > %r for x = %s' % (where, atol, _parity_show(out)))
            continue
        if atol == 0 and _parity_is_floats(wanted):
            atol = 1e-6
        if not exact and atol != 0:
            same = type(out) == type(wanted)
            same = same and (not isinstance(wanted, (list, tuple)) or len(out) == len(wanted))
            passed = same and _parity_close(out, wanted, atol)
        else:
            passed = bool(exact)
        if not passed:
            raise AssertionError('%s: expected %s, got %s' % (where, _parity_show(wanted), _parity_show(out)))
`;
