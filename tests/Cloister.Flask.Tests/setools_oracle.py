#!/usr/bin/python3
"""Reference answers for compute_av, from setools reading the same binary policy.

usage: setools_oracle.py POLICY [--constraints]
stdin:  '@bools NAME=0|1 ...' lines set boolean values for the queries after them;
        'STYPE TTYPE CLASS [SLEVEL TLEVEL]' lines are queries (levels as sN:cA.cB[-sM:...]).
        '=T KIND STYPE TTYPE CLASS' lines (KIND type_transition, type_member or
        type_change) ask for the type a type rule gives: the unconditional rule, else the
        one in an enabled conditional branch, else an empty line.
stdout: one line per query, the allowed permission names sorted and space-separated:
        the union of allow rules whose source and target cover the types and that are
        unconditional or in the enabled branch of their conditional. With --constraints the
        permissions a constraint (as setools parses it) forbids are removed.
        RBAC step (always, as FLASK does it): domain:transition between two different roles
        also needs a role allow rule (allow r1 r2) in the policy; query lines without roles
        ('-') skip it.
"""
import sys
import setools

policy = setools.SELinuxPolicy(sys.argv[1])
use_constraints = "--constraints" in sys.argv[2:]

# allow rules indexed by class, with expanded source and target type sets
rules = {}
for r in policy.terules():
    if r.ruletype != setools.TERuletype.allow:
        continue
    try:
        cond, block = r.conditional, r.conditional_block
    except setools.exception.RuleNotConditional:
        cond, block = None, None
    rules.setdefault(str(r.tclass), []).append((
        {str(t) for t in r.source.expand()}, {str(t) for t in r.target.expand()},
        set(r.perms), cond, block))

type_rules = {}
for r in policy.terules():
    kind = r.ruletype.name
    if kind not in ("type_transition", "type_member", "type_change"):
        continue
    try:
        cond, block = r.conditional, r.conditional_block
    except setools.exception.RuleNotConditional:
        cond, block = None, None
    for a in r.source.expand():
        for b in r.target.expand():
            type_rules.setdefault((kind, str(a), str(b), str(r.tclass)), []).append((str(r.default), cond, block))

role_allows = set()
for r in policy.rbacrules():
    if r.ruletype == setools.RBACRuletype.allow:
        for a in r.source.expand():
            for b in r.target.expand():
                role_allows.add((str(a), str(b)))

defaults = {str(b): bool(b.state) for b in policy.bools()}
sens_order = [str(s) for s in sorted(policy.sensitivities())]

constraints = {}
for c in policy.constraints():
    if c.ruletype.name in ("constrain", "mlsconstrain"):
        constraints.setdefault(str(c.tclass), []).append((set(c.perms), list(c.expression)))


def parse_level(text):
    sens, _, cats = text.partition(":")
    bits = set()
    for item in filter(None, cats.split(",")):
        lo, _, hi = item.partition(".")
        lo_n = int(lo[1:])
        hi_n = int(hi[1:]) if hi else lo_n
        bits.update(range(lo_n, hi_n + 1))
    return sens_order.index(sens), frozenset(bits)


def parse_range(text):
    low, _, high = text.partition("-")
    low_l = parse_level(low)
    return low_l, parse_level(high) if high else low_l


def dom(a, b):
    return a[0] >= b[0] and a[1] >= b[1]


def names(tokenset):
    out = set()
    for item in tokenset:
        try:
            out.update(str(t) for t in item.expand())
        except AttributeError:
            out.add(str(item))
    return out


def eval_constraint(expr, ctx):
    """Postfix evaluation of setools' constraint expression for the query's contexts."""
    stack = []
    ops = {"==", "!=", "dom", "domby", "incomp"}
    for tok in expr:
        if isinstance(tok, frozenset):
            stack.append(("names", names(tok)))
        elif tok == "not":
            stack.append(not stack.pop())
        elif tok in ("and", "or"):
            b, a = stack.pop(), stack.pop()
            stack.append((a and b) if tok == "and" else (a or b))
        elif tok in ops:
            b, a = stack.pop(), stack.pop()
            if isinstance(b, tuple) and b[0] == "names":
                v = ctx[a]
                stack.append((v in b[1]) == (tok == "=="))
                continue
            x, y = ctx[a], ctx[b]
            if tok == "==":
                stack.append(x == y)
            elif tok == "!=":
                stack.append(x != y)
            elif tok == "dom":
                stack.append(dom(x, y))
            elif tok == "domby":
                stack.append(dom(y, x))
            else:
                stack.append(not dom(x, y) and not dom(y, x))
        else:
            stack.append(tok)
    return stack[0]


states = dict(defaults)
out = []
for line in sys.stdin:
    words = line.split()
    if not words:
        continue
    if words[0] == "=T":
        kind, st, tt, cl = words[1], str(policy.lookup_type(words[2])), str(policy.lookup_type(words[3])), words[4]
        found = ""
        candidates = type_rules.get((kind, st, tt, cl), [])
        for default, cond, block in sorted(candidates, key=lambda c: c[1] is not None):
            if cond is None or cond.evaluate(**states) == block:
                found = default
                break
        out.append(found)
        continue
    if words[0] == "@bools":
        states = dict(defaults)
        for w in words[1:]:
            name, _, value = w.partition("=")
            states[name] = value == "1"
        continue
    stype, ttype, tclass = (str(policy.lookup_type(words[0])), str(policy.lookup_type(words[1])), words[2])
    allowed = set()
    for srcs, tgts, perms, cond, block in rules.get(tclass, ()):
        if stype in srcs and ttype in tgts:
            if cond is None or cond.evaluate(**states) == block:
                allowed |= perms
    if tclass == "domain" and "transition" in allowed and len(words) > 8:
        r1, r2 = words[7], words[8]
        if r1 != r2 and (r1, r2) not in role_allows:
            allowed.discard("transition")
    if use_constraints and allowed:
        ctx = {"t1": stype, "t2": ttype, "u1": words[5], "u2": words[6], "r1": words[7], "r2": words[8]}
        if len(words) > 4 and words[3] != "-":
            (ctx["l1"], ctx["h1"]), (ctx["l2"], ctx["h2"]) = parse_range(words[3]), parse_range(words[4])
        for perms, expr in constraints.get(tclass, ()):
            if allowed & perms and not eval_constraint(expr, ctx):
                allowed -= perms
    out.append(" ".join(sorted(allowed)))
sys.stdout.write("\n".join(out) + ("\n" if out else ""))
