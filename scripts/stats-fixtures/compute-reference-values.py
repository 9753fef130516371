#!/usr/bin/python3
"""Reference values for parity's statistics tests, computed independently with SciPy and statsmodels.

Run with the Debian Python that has scipy 1.10 and statsmodels 0.13:

    /usr/bin/python3 scripts/stats-fixtures/compute-reference-values.py > scripts/stats-fixtures/reference-values.json
    npx prettier --write scripts/stats-fixtures/reference-values.json

The TypeScript tests (src/stats/*.test.ts, test/compare-routellm.e2e.test.ts) read the committed JSON and
never need Python. Inputs are generated here from a fixed numpy seed and written into the JSON beside the
expected outputs. Seeded statistics (bootstrap, Monte Carlo permutation test) re-implement parity's
documented generator (xoshiro128** seeded by splitmix32, src/stats/seeded-random.ts) so that the resampling
is identical; everything else (sums, percentiles, pass@k via scipy.special.comb) is computed here.
"""
import csv
import glob
import json
import math
import os
import sys

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import special, stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (confint_proportions_2indep, proportion_confint,
                                          proportions_ztest, test_proportions_2indep,
                                          tost_proportions_2indep)
from statsmodels.stats.weightstats import ttost_paired
from scipy import optimize

MASK = 0xFFFFFFFF


class SeededRandom:
    """xoshiro128** with its state filled by splitmix32 (same as src/stats/seeded-random.ts)."""

    def __init__(self, seed):
        self.split = seed & MASK
        self.s = [self._splitmix32() for _ in range(4)]

    def _splitmix32(self):
        self.split = (self.split + 0x9E3779B9) & MASK
        z = self.split
        z = ((z ^ (z >> 16)) * 0x85EBCA6B) & MASK
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK
        return (z ^ (z >> 16)) & MASK

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (32 - k))) & MASK

    def next_uint32(self):
        s0, s1, s2, s3 = self.s
        result = (self._rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 9) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = self._rotl(s3, 11)
        self.s = [s0, s1, s2, s3]
        return result

    def next_float(self):
        return self.next_uint32() / 4294967296.0

    def next_int(self, n):
        return math.floor(self.next_float() * n)


def normal_section():
    points = [-8.0, -3.0, -1.959963984540054, -0.5, 0.0, 0.3, 1.0, 2.5, 4.0, 10.0]
    probabilities = [1e-12, 1e-6, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999, 1 - 1e-9]
    return {
        "cdf": [{"z": z, "cdf": stats.norm.cdf(z), "survival": stats.norm.sf(z)} for z in points],
        "quantile": [{"p": p, "z": stats.norm.ppf(p)} for p in probabilities],
        "log_gamma": [{"x": x, "value": float(special.gammaln(x))} for x in [0.5, 1, 2.5, 10, 101.5, 3240, 14043]],
    }


def mcnemar_section():
    cases = [(0, 0), (3, 0), (5, 9), (20, 20), (31, 12), (400, 350), (2497, 742), (12000, 11500)]
    return [
        {"a_only": a, "b_only": b, "p_value": float(mcnemar([[0, a], [b, 0]], exact=True).pvalue)}
        for a, b in cases
    ]


def holm_section():
    families = [[0.01, 0.04, 0.03, 0.005], [0.5, 0.2, 0.9], [1e-10, 0.049, 0.051, 0.02, 0.3]]
    return [{"p_values": family, "adjusted": list(multipletests(family, method="holm")[1])} for family in families]


def two_proportion_section():
    cases = [(0.886, 14042, 0.887, 14042), (0.80, 500, 0.74, 400), (0.5625, 1319, 0.39, 1319)]
    out = []
    for p1, n1, p2, n2 in cases:
        z, p = proportions_ztest([p1 * n1, p2 * n2], [n1, n2])
        low, high = confint_proportions_2indep(p1 * n1, n1, p2 * n2, n2, method="wald", compare="diff")
        out.append({"p_a": p1, "n_a": n1, "p_b": p2, "n_b": n2, "z": z, "p_value": p, "ci95": [low, high]})
    return out


def clustered_section(rng):
    cases = []
    for clusters_n, per in [(12, 4), (30, 2), (8, 9)]:
        clusters = np.repeat(np.arange(clusters_n), per)
        effect = rng.normal(0, 0.3, clusters_n)[clusters]
        values = (rng.random(len(clusters)) < 0.6 + effect * 0.3).astype(float)
        if per == 9:
            values = rng.integers(1, 11, len(clusters)).astype(float)
        fit = sm.OLS(values, np.ones(len(values))).fit(cov_type="cluster", cov_kwds={"groups": clusters})
        se = float(fit.bse[0])
        z = stats.norm.ppf(0.975)
        cases.append({
            "values": values.tolist(),
            "clusters": [f"c{c}" for c in clusters],
            "mean": float(values.mean()),
            "standard_error": se,
            "ci95": [float(values.mean()) - z * se, float(values.mean()) + z * se],
        })
    return cases


def paired_difference_section(rng):
    n = 60
    groups = [f"g{i % 4}" for i in range(n)]
    a = rng.integers(0, 2, n).astype(float)
    b = np.where(rng.random(n) < 0.7, a, 1 - a)
    d = a - b
    z = stats.norm.ppf(0.975)
    micro_se = d.std(ddof=1) / math.sqrt(n)
    group_means, group_vars = [], []
    for g in sorted(set(groups)):
        dg = d[[i for i in range(n) if groups[i] == g]]
        group_means.append(dg.mean())
        group_vars.append(dg.var(ddof=1) / len(dg))
    macro = float(np.mean(group_means))
    macro_se = math.sqrt(sum(group_vars)) / len(group_means)
    return {
        "a": a.tolist(), "b": b.tolist(), "groups": groups,
        "micro": {"value": float(d.mean()), "ci95": [d.mean() - z * micro_se, d.mean() + z * micro_se]},
        "macro": {"value": macro, "ci95": [macro - z * macro_se, macro + z * macro_se]},
    }


def pass_at_k_section(rng):
    problems = [{"samples": 10, "correct": int(c)} for c in rng.integers(0, 11, 25)]
    cases = []
    for k, seed, resamples in [(1, 7, 2000), (5, 11, 1000)]:
        per = np.array([1 - special.comb(p["samples"] - p["correct"], k, exact=True)
                        / special.comb(p["samples"], k, exact=True) for p in problems])
        random = SeededRandom(seed)
        boot = []
        for _ in range(resamples):
            idx = [random.next_int(len(per)) for _ in range(len(per))]
            boot.append(per[idx].mean())
        low, high = np.percentile(boot, [2.5, 97.5])
        cases.append({"k": k, "seed": seed, "resamples": resamples, "value": float(per.mean()),
                      "ci95": [float(low), float(high)], "per_problem": per.tolist()})
    return {"problems": problems, "cases": cases}


def permutation_section(rng):
    small_a = rng.integers(1, 11, 12).astype(float)
    small_b = np.clip(small_a + rng.integers(-3, 3, 12), 1, 10).astype(float)
    exact = stats.permutation_test((small_a, small_b), lambda x, y: np.mean(x - y), vectorized=False,
                                   permutation_type="samples", n_resamples=np.inf, alternative="two-sided")
    large_d = (rng.integers(1, 11, 80) - rng.integers(1, 11, 80)).astype(float) / 3.0 + 0.25
    seed, resamples = 5, 3000
    random = SeededRandom(seed)
    observed = large_d.mean()
    threshold = abs(observed) - 1e-12 * max(1, abs(observed))
    weighted = large_d / len(large_d)
    count = 0
    for _ in range(resamples):
        total = 0.0
        for value in weighted:
            total += -value if random.next_float() < 0.5 else value
        if abs(total) >= threshold:
            count += 1
    return {
        "exact": {"a": small_a.tolist(), "b": small_b.tolist(), "p_value": float(exact.pvalue)},
        "monte_carlo": {"differences": large_d.tolist(), "seed": seed, "resamples": resamples,
                        "p_value": (1 + count) / (1 + resamples)},
    }


def sample_size_section():
    out = []
    for delta, psi, power, level in [(0.03, 0.3, 0.8, 0.05), (0.01, 0.2, 0.9, 0.05), (0.05, 0.231, 0.8, 0.01)]:
        za, zb = stats.norm.ppf(1 - level / 2), stats.norm.ppf(power)
        raw = (za * math.sqrt(psi) + zb * math.sqrt(psi - delta ** 2)) ** 2 / delta ** 2
        out.append({"kind": "binary", "difference": delta, "discordance": psi, "power": power, "level": level,
                    "raw": raw, "n": math.ceil(raw)})
    for delta, sd, power, level in [(0.3, 1.8, 0.8, 0.05), (0.5, 2.5, 0.9, 0.05)]:
        raw = ((stats.norm.ppf(1 - level / 2) + stats.norm.ppf(power)) * sd / delta) ** 2
        out.append({"kind": "graded", "difference": delta, "difference_sd": sd, "power": power, "level": level,
                    "raw": raw, "n": math.ceil(raw)})
    return out


def confidence_sequence(d, alpha, lower, upper, planned):
    """Waudby-Smith & Ramdas (2024) Theorem 2, predictable plug-in empirical Bernstein, written from the paper."""
    x = (np.asarray(d) - lower) / (upper - lower)
    t = np.arange(1, len(x) + 1)
    mu = (0.5 + np.cumsum(x)) / (t + 1)
    sigma2 = (0.25 + np.cumsum((x - mu) ** 2)) / (t + 1)
    mu_prev = np.concatenate([[0.5], mu[:-1]])
    sigma2_prev = np.concatenate([[0.25], sigma2[:-1]])
    horizon = planned if planned is not None else t * np.log(1 + t)
    lam = np.minimum(0.5, np.sqrt(2 * math.log(2 / alpha) / (sigma2_prev * horizon)))
    v = 4 * (x - mu_prev) ** 2
    psi_e = (-np.log(1 - lam) - lam) / 4
    centre = np.cumsum(lam * x) / np.cumsum(lam)
    half = (math.log(2 / alpha) + np.cumsum(v * psi_e)) / np.cumsum(lam)
    low = np.maximum.accumulate(np.maximum(centre - half, 0))
    high = np.minimum.accumulate(np.minimum(centre + half, 1))
    return (lower + (upper - lower) * low).tolist(), (lower + (upper - lower) * high).tolist()


def confidence_sequence_section(rng):
    n = 400
    u = rng.random(n)
    binary = np.where(u < 0.16, 1.0, np.where(u < 0.26, -1.0, 0.0))
    graded = np.clip(rng.normal(0.8, 2.5, 150).round(), -9, 9)
    cases = []
    for name, d, lower, upper, planned in [("binary_planned", binary, -1, 1, 1000),
                                           ("binary_unplanned", binary, -1, 1, None),
                                           ("graded_planned", graded, -9, 9, 150)]:
        low, high = confidence_sequence(d, 0.05, lower, upper, planned)
        cases.append({"name": name, "differences": d.tolist(), "lower": lower, "upper": upper,
                      "planned_items": planned, "alpha": 0.05, "ci_low": low, "ci_high": high})
    return cases


def clustered_fit(values, clusters):
    """Mean with its cluster-robust SE (statsmodels OLS on a constant, cov_type='cluster') and 95% interval."""
    values = np.asarray(values, float)
    fit = sm.OLS(values, np.ones(len(values))).fit(cov_type="cluster", cov_kwds={"groups": np.asarray(clusters)})
    se = float(fit.bse[0])
    z = stats.norm.ppf(0.975)
    mean = float(fit.params[0])
    return {"value": mean, "standard_error": se, "ci95": [mean - z * se, mean + z * se]}


def per_run_section(rng):
    """Per-run intervals (docs/decisions/0043-per-run-intervals.md): units of one item clustered."""
    z = stats.norm.ppf(0.975)
    # MT-Bench: 20 questions x 2 judged turns, ratings 1..10, 4 categories; a question's turns are one cluster.
    questions = 20
    category = [f"cat{q % 4}" for q in range(questions)]
    level = rng.integers(2, 9, questions)
    ratings = np.clip(level[:, None] + rng.integers(-2, 3, (questions, 2)), 1, 10).astype(float)
    turns = [{"question": f"q{q}", "turn": t + 1, "group": category[q], "rating": float(ratings[q, t])}
             for q in range(questions) for t in range(2)]
    overall = clustered_fit([t["rating"] for t in turns], [t["question"] for t in turns])
    turn1 = ratings[:, 0]
    se1 = turn1.std(ddof=1) / math.sqrt(len(turn1))
    per_group = {}
    for group in sorted(set(category)):
        chosen = [t for t in turns if t["group"] == group]
        per_group[group] = clustered_fit([t["rating"] for t in chosen], [t["question"] for t in chosen])
    mtbench = {"turns": turns, "score": overall,
               "score_turn1": {"value": float(turn1.mean()),
                               "ci95": [float(turn1.mean() - z * se1), float(turn1.mean() + z * se1)]},
               "groups": per_group}

    # IFEval instruction level: 30 prompts with 1..3 instructions; instructions of one prompt are one cluster.
    given = rng.integers(1, 4, 30)
    followed = np.array([rng.binomial(g, 0.75) for g in given])
    units, clusters = [], []
    for index, (g, f) in enumerate(zip(given, followed)):
        units += [1.0] * int(f) + [0.0] * int(g - f)
        clusters += [f"p{index}"] * int(g)
    ifeval = {"prompts": [{"id": f"p{i}", "followed": int(f), "given": int(g)}
                          for i, (g, f) in enumerate(zip(given, followed))],
              "instruction": clustered_fit(units, clusters)}

    # pass@1 with 5 samples per problem: clustered by problem over the samples; pass@3 by the seeded bootstrap.
    problems = 15
    rates = rng.random(problems)
    samples = (rng.random((problems, 5)) < rates[:, None]).astype(float)
    pass1 = clustered_fit(samples.ravel(), np.repeat(np.arange(problems), 5))
    correct = samples.sum(axis=1).astype(int)
    per3 = np.array([1 - special.comb(5 - c, 3, exact=True) / special.comb(5, 3, exact=True) for c in correct])
    random = SeededRandom(0)
    boot = []
    for _ in range(2000):
        idx = [random.next_int(problems) for _ in range(problems)]
        boot.append(per3[idx].mean())
    low, high = np.percentile(boot, [2.5, 97.5])
    code = {"samples": samples.astype(int).tolist(), "pass1": pass1,
            "pass3": {"seed": 0, "resamples": 2000, "value": float(per3.mean()), "ci95": [float(low), float(high)]}}

    # MMLU-like: 6 subjects of 5..14 items, 0/1; micro mean clustered by subject (the --cluster group option);
    # and the macro average with 3 samples per item, each group's SE clustered by item.
    subjects = [f"s{g}" for g in range(6)]
    sizes = rng.integers(5, 15, 6)
    ability = rng.random(6) * 0.6 + 0.2
    items = [{"id": f"s{g}/{i}", "group": subjects[g], "value": float(rng.random() < ability[g])}
             for g in range(6) for i in range(sizes[g])]
    by_subject = clustered_fit([i["value"] for i in items], [i["group"] for i in items])
    sampled = [{"id": f"s{g}/{i}", "group": subjects[g], "values": (rng.random(3) < ability[g]).astype(float).tolist()}
               for g in range(6) for i in range(sizes[g])]
    means, variances = [], []
    for subject in subjects:
        chosen = [i for i in sampled if i["group"] == subject]
        values = [v for i in chosen for v in i["values"]]
        fit = clustered_fit(values, [i["id"] for i in chosen for _ in i["values"]])
        means.append(fit["value"])
        variances.append(fit["standard_error"] ** 2)
    macro = float(np.mean(means))
    half = z * math.sqrt(sum(variances)) / len(subjects)
    mmlu = {"items": items, "micro_by_subject": by_subject, "sampled": sampled,
            "macro_clustered": {"value": macro, "ci95": [max(0.0, macro - half), min(1.0, macro + half)]}}
    return {"mtbench": mtbench, "ifeval": ifeval, "code": code, "mmlu": mmlu}


def routellm_section(datasets):
    base = os.path.join(datasets, "mmlu", "routellm_responses")
    if not os.path.isdir(base):
        return None
    a, b, subjects = [], [], []
    for path in sorted(glob.glob(os.path.join(base, "mmlu_*.csv"))):
        with open(path, newline="") as handle:
            rows = list(csv.reader(handle))
        for row in rows[1:]:
            subjects.append(os.path.basename(path)[len("mmlu_"):-len(".csv")])
            a.append(row[2] == "True")  # gpt-4-1106-preview
            b.append(row[1] == "True")  # mistralai/Mixtral-8x7B-Instruct-v0.1
    a = np.array(a, float)
    b = np.array(b, float)
    d = a - b
    se = d.std(ddof=1) / math.sqrt(len(d))
    z = stats.norm.ppf(0.975)
    a_only = int(((a == 1) & (b == 0)).sum())
    b_only = int(((a == 0) & (b == 1)).sum())
    return {
        "a_model": "gpt-4-1106-preview", "b_model": "mistralai/Mixtral-8x7B-Instruct-v0.1",
        "n_paired": len(d), "a_value": float(a.mean()), "b_value": float(b.mean()),
        "a_ci95": list(proportion_confint(int(a.sum()), len(a), method="wilson")),
        "b_ci95": list(proportion_confint(int(b.sum()), len(b), method="wilson")),
        "difference": float(d.mean()), "ci95": [d.mean() - z * se, d.mean() + z * se],
        "a_only": a_only, "b_only": b_only,
        "mcnemar_p_value": float(mcnemar([[0, a_only], [b_only, 0]], exact=True).pvalue),
        "discordance": (a_only + b_only) / len(d),
        # `parity show --cluster group`: A's accuracy with the 57 subjects as clusters (statsmodels).
        "a_ci95_by_subject": clustered_fit(a, subjects)["ci95"],
        # The interval that goes with the exact McNemar verdict: Clopper-Pearson on the discordant split,
        # scaled by the observed discordance (docs/statistics.md); and Tango's score interval for margins.
        "exact_conditional_ci95": [(a_only + b_only) / len(d) * (2 * bound - 1) for bound in
                                   proportion_confint(a_only, a_only + b_only, alpha=0.05, method="beta")],
        "tango_ci90": tango_interval(a_only, b_only, len(d), 0.90),
    }


def tango_statistic(b, c, n, delta0):
    """Tango (1998) score z for p10 - p01 = delta0, the restricted MLE found numerically (not the closed form)."""
    if n == 0:
        return 0.0
    low, high = max(0.0, -delta0), min(1.0, (1 - delta0) / 2)

    def negative_loglik(p01):
        p10 = p01 + delta0
        rest = 1 - 2 * p01 - delta0
        total = 0.0
        for count, prob in [(b, p10), (c, p01), (n - b - c, rest)]:
            if count > 0:
                total += count * math.log(max(prob, 1e-300))
        return -total

    if high - low < 1e-15:
        p01 = low
    else:
        p01 = optimize.minimize_scalar(negative_loglik, bounds=(low, high), method="bounded",
                                       options={"xatol": 1e-14}).x
        # The maximum may sit on a bound; compare with the bounds themselves.
        for candidate in [low, high]:
            if negative_loglik(candidate) < negative_loglik(p01):
                p01 = candidate
    variance = n * (2 * p01 + delta0 * (1 - delta0))
    numerator = b - c - n * delta0
    if variance <= 0:
        return 0.0 if numerator == 0 else math.copysign(math.inf, numerator)
    return numerator / math.sqrt(variance)


def tango_interval(b, c, n, level):
    z = stats.norm.ppf(1 - (1 - level) / 2)
    f = lambda d, target: tango_statistic(b, c, n, d) - target
    return [optimize.brentq(f, -1 + 1e-9, 1 - 1e-9, args=(z,), xtol=1e-13),
            optimize.brentq(f, -1 + 1e-9, 1 - 1e-9, args=(-z,), xtol=1e-13)]


def equivalence_section(rng):
    """TOST and the intervals that go with each test (docs/statistics.md, decision 0045)."""
    paired_binary = []
    for b, c, n, margin in [(5, 0, 30, 0.01), (7, 2, 30, 0.05), (0, 0, 5, 0.1), (2497, 742, 14042, 0.01),
                            (420, 400, 3000, 0.02), (61, 70, 500, 0.05)]:
        m = b + c
        if m > 0:
            low, high = proportion_confint(b, m, alpha=0.05, method="beta")
            exact_ci = [(m / n) * (2 * low - 1), (m / n) * (2 * high - 1)]
            exact_p = float(mcnemar([[0, b], [c, 0]], exact=True).pvalue)
        else:
            exact_ci, exact_p = [0.0, 0.0], 1.0
        z_low = tango_statistic(b, c, n, -margin)
        z_high = tango_statistic(b, c, n, margin)
        p_larger = float(stats.norm.sf(z_low))
        p_smaller = float(stats.norm.cdf(z_high))
        paired_binary.append({
            "a_only": b, "b_only": c, "n": n, "margin": margin,
            "mcnemar_exact": {"p_value": exact_p, "ci95": exact_ci},
            "tango": {"z_at_minus_margin": z_low, "z_at_margin": z_high, "p_larger": p_larger,
                      "p_smaller": p_smaller, "tost_p": max(p_larger, p_smaller),
                      "ci90": tango_interval(b, c, n, 0.90), "ci95": tango_interval(b, c, n, 0.95),
                      "z_at_zero": tango_statistic(b, c, n, 0.0)},
        })

    paired_means = []
    for size, shift, margin in [(80, 0.1, 0.5), (20, 0.8, 0.5), (160, -0.05, 0.25)]:
        a = np.clip(rng.normal(6.5, 2.0, size).round(), 1, 10)
        b = np.clip(a + rng.normal(-shift, 1.2, size).round(), 1, 10)
        p_tost, larger, smaller = ttost_paired(a, b, -margin, margin)
        d = a - b
        se = d.std(ddof=1) / math.sqrt(size)
        t90 = stats.t.ppf(0.95, size - 1)
        t95 = stats.t.ppf(0.975, size - 1)
        paired_means.append({
            "a": a.tolist(), "b": b.tolist(), "margin": margin,
            "tost_p": float(p_tost), "p_larger": float(larger[1]), "p_smaller": float(smaller[1]),
            "t_test_p": float(stats.ttest_rel(a, b).pvalue),
            "ci90": [d.mean() - t90 * se, d.mean() + t90 * se],
            "ci95": [d.mean() - t95 * se, d.mean() + t95 * se],
        })

    two_proportions = []
    for pa, na, pb, nb, margin in [(0.886, 14042, 0.887, 14042, 0.01), (0.80, 500, 0.74, 400, 0.05),
                                   (0.62, 120, 0.60, 150, 0.1)]:
        result = tost_proportions_2indep(pa * na, na, pb * nb, nb, -margin, margin, method="wald", compare="diff")
        test = test_proportions_2indep(pa * na, na, pb * nb, nb, method="wald", compare="diff")
        ci90 = confint_proportions_2indep(pa * na, na, pb * nb, nb, method="wald", compare="diff", alpha=0.10)
        ci95 = confint_proportions_2indep(pa * na, na, pb * nb, nb, method="wald", compare="diff", alpha=0.05)
        two_proportions.append({
            "p_a": pa, "n_a": na, "p_b": pb, "n_b": nb, "margin": margin,
            # statsmodels 0.13 reports the smaller of the two one-sided p-values as `pvalue`; TOST's p is the larger.
            "p_larger": float(result.results_larger.pvalue), "p_smaller": float(result.results_smaller.pvalue),
            "tost_p": float(max(result.results_larger.pvalue, result.results_smaller.pvalue)),
            "test_p": float(test.pvalue), "ci90": list(ci90), "ci95": list(ci95),
        })

    distributions = {
        "binomial": [{"k": k, "n": n, "p": p, "cdf": float(stats.binom.cdf(k, n, p)),
                      "sf": float(stats.binom.sf(k - 1, n, p))}
                     for k, n, p in [(3, 10, 0.5), (0, 10, 0.3), (742, 3239, 0.5), (2497, 3239, 0.5),
                                     (120, 1000, 0.1), (5, 5, 0.9)]],
        "clopper_pearson": [{"successes": k, "n": n, "level": level,
                             "interval": list(proportion_confint(k, n, alpha=1 - level, method="beta"))}
                            for k, n, level in [(5, 5, 0.95), (0, 12, 0.95), (2497, 3239, 0.95), (7, 9, 0.90)]],
        "student_t": [{"t": t, "df": df, "cdf": float(stats.t.cdf(t, df)), "sf": float(stats.t.sf(t, df))}
                      for t, df in [(0.5, 3), (-2.1, 19), (2.9, 79), (10.0, 4), (1.3, 1)]],
        "student_t_quantile": [{"p": p, "df": df, "t": float(stats.t.ppf(p, df))}
                               for p, df in [(0.95, 79), (0.975, 19), (0.995, 3), (0.05, 10), (0.975, 1)]],
    }
    return {"paired_binary": paired_binary, "paired_means": paired_means, "two_proportions": two_proportions,
            "distributions": distributions}


def mcnemar_exact_power(n, psi, delta, alpha):
    """Exact power of the two-sided exact McNemar test (scipy.stats.binom), summed over every m."""
    favour = (psi + delta) / (2 * psi)
    ms = np.arange(0, n + 1)
    weights = stats.binom.pmf(ms, n, psi)
    power = 0.0
    for m, weight in zip(ms, weights):
        if weight < 1e-40 or m == 0:
            continue
        counts = np.arange(0, m // 2 + 1)
        significant = counts[2 * stats.binom.cdf(counts, m, 0.5) <= alpha]
        if len(significant) == 0:
            continue
        c = int(significant.max())
        power += weight * (stats.binom.cdf(c, m, favour) + stats.binom.sf(m - c - 1, m, favour))
    return float(power)


def tango_tost_power(n, psi, delta, margin, alpha):
    """Exact power of the Tango-score TOST (both one-sided tests at alpha), by summing the trinomial."""
    pa, pb = (psi + delta) / 2, (psi - delta) / 2
    z = stats.norm.ppf(1 - alpha)
    power = 0.0
    for b in range(0, n + 1):
        for c in range(0, n - b + 1):
            prob = stats.multinomial.pmf([b, c, n - b - c], n, [pa, pb, 1 - psi])
            if prob < 1e-16:
                continue
            if tango_statistic(b, c, n, margin) <= -z and tango_statistic(b, c, n, -margin) >= z:
                power += prob
    return power


def power_section():
    exact = []
    for delta, psi, power, level in [(0.03, 0.3, 0.8, 0.05), (0.05, 0.231, 0.8, 0.05), (0.1, 0.3, 0.9, 0.05),
                                     (0.05, 0.2, 0.8, 0.01)]:
        za, zb = stats.norm.ppf(1 - level / 2), stats.norm.ppf(power)
        connor = math.ceil((za * math.sqrt(psi) + zb * math.sqrt(psi - delta ** 2)) ** 2 / delta ** 2)
        exact.append({"difference": delta, "discordance": psi, "level": level, "target_power": power,
                      "connor_n": connor, "power_at_connor_n": mcnemar_exact_power(connor, psi, delta, level),
                      "power_at_120pct": mcnemar_exact_power(math.ceil(connor * 1.2), psi, delta, level),
                      "n_120pct": math.ceil(connor * 1.2)})
    equivalence = []
    for n, psi, delta, margin, level in [(60, 0.2, 0.0, 0.15, 0.05), (80, 0.3, 0.02, 0.2, 0.05)]:
        equivalence.append({"n": n, "discordance": psi, "difference": delta, "margin": margin, "level": level,
                            "power": tango_tost_power(n, psi, delta, margin, level)})
    return {"mcnemar_exact": exact, "tango_equivalence": equivalence}


def main():
    rng = np.random.default_rng(20240601)
    random = SeededRandom(42)
    here = os.path.dirname(os.path.abspath(__file__))
    datasets = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "datasets"))
    result = {
        "generated_by": "scripts/stats-fixtures/compute-reference-values.py",
        "versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "numpy": np.__version__},
        "seeded_random": {"seed": 42, "first_uint32": [random.next_uint32() for _ in range(8)]},
        "normal": normal_section(),
        "wilson": [{"successes": s, "n": n, "ci95": list(proportion_confint(s, n, method="wilson"))}
                   for s, n in [(81, 100), (0, 10), (10, 10), (11315, 14042)]],
        "mcnemar": mcnemar_section(),
        "holm": holm_section(),
        "two_proportion": two_proportion_section(),
        "clustered": clustered_section(rng),
        "paired_difference": paired_difference_section(rng),
        "pass_at_k": pass_at_k_section(rng),
        "permutation": permutation_section(rng),
        "sample_size": sample_size_section(),
        "confidence_sequence": confidence_sequence_section(rng),
        "routellm_mmlu": routellm_section(datasets),
        # Its own generator, so that adding it left every value above unchanged.
        "per_run": per_run_section(np.random.default_rng(20241129)),
        "equivalence": equivalence_section(np.random.default_rng(20261207)),
        "power": power_section(),
    }
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
