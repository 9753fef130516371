/**
 * EvalPlus's sanitizer (evalplus/sanitize.py at evalplus/evalplus@26d6d00b: `code_extract`, lines 31-49, and
 * `extract_target_code_or_empty`/`sanitize`, lines 115-177) rewritten in Python for the sandbox: parity has no
 * Python parser of its own, so the program sanitizes the model's reply itself, with `ast` where upstream uses
 * tree-sitter (its input is code `ast.parse` accepted, so both see the same top-level statements).
 *
 * - `_parity_code_extract`: ANSI escapes removed; the contiguous run of at least two lines that parses and has
 *   the most non-blank lines (the first such run on a tie, upstream's order); else the first line. Upstream tries
 *   every pair of lines; this searches them from the longest down, with the same result.
 * - `_parity_sanitize`: top-level imports (not `from __future__`, a different tree-sitter node), undecorated
 *   classes, undecorated functions that contain a `return`, and assignments (named by their first bare name, as
 *   upstream's first identifier child), each name kept once; definitions not reachable from the entry point
 *   through the identifiers they mention are dropped. Empty result: the extracted code instead.
 */
export const evalPlusSanitizerPython = String.raw`
import ast as _ast, io as _io, keyword as _keyword, re as _re, tokenize as _tokenize, warnings as _warnings

def _parity_parses(source):
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter('ignore')
            _ast.parse(source)
        return True
    except (SyntaxError, MemoryError, ValueError, RecursionError):
        return False

def _parity_code_extract(text):
    text = _re.sub(r'\x1B(?:[@-Z\\-_]|\[[0-?]*[ -/]*[@-~])', '', text)
    lines = text.split('\n')
    count = len(lines)
    filled = [0]
    for line in lines:
        filled.append(filled[-1] + (1 if line.strip() else 0))
    weight = lambda first, last: filled[last + 1] - filled[first]
    best, pair = 0, (0, 0)
    for first in range(count):
        if weight(first, count - 1) <= best:
            continue
        found = None
        for last in range(count - 1, first, -1):
            if weight(first, last) <= best:
                break
            if _parity_parses('\n'.join(lines[first:last + 1])):
                found = last
                break
        if found is None:
            continue
        shorter = found - 1
        while shorter > first and not lines[shorter + 1].strip():
            if _parity_parses('\n'.join(lines[first:shorter + 1])):
                found = shorter
            shorter -= 1
        best, pair = weight(first, found), (first, found)
    return '\n'.join(lines[pair[0]:pair[1] + 1])

def _parity_identifiers(source):
    try:
        return {token.string for token in _tokenize.generate_tokens(_io.StringIO(source).readline)
                if token.type == _tokenize.NAME and not _keyword.iskeyword(token.string)}
    except (_tokenize.TokenError, SyntaxError, IndentationError):
        return set(_re.findall(r'[A-Za-z_][A-Za-z0-9_]*', source)) - set(_keyword.kwlist)

def _parity_assignment_name(node):
    parts = list(node.targets[:1]) if isinstance(node, _ast.Assign) else [node.target, node.annotation]
    for part in parts + [node.value]:
        if isinstance(part, _ast.Name):
            return part.id
    return None

def _parity_sanitize(text, entry_point):
    code = _parity_code_extract(text)
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter('ignore')
            tree = _ast.parse(code)
    except (SyntaxError, MemoryError, ValueError, RecursionError):
        tree = _ast.Module(body=[], type_ignores=[])
    imports, definitions, names = [], [], set()
    for node in tree.body:
        segment = _ast.get_source_segment(code, node)
        if isinstance(node, _ast.Import) or (isinstance(node, _ast.ImportFrom) and node.module != '__future__'):
            imports.append(segment)
        elif isinstance(node, (_ast.ClassDef, _ast.FunctionDef, _ast.AsyncFunctionDef)):
            if node.decorator_list or node.name in names:
                continue
            if isinstance(node, _ast.ClassDef) or any(isinstance(inner, _ast.Return) for inner in _ast.walk(node)):
                definitions.append((node.name, segment))
                names.add(node.name)
        elif isinstance(node, (_ast.Assign, _ast.AnnAssign)):
            name = _parity_assignment_name(node)
            if name not in names:
                definitions.append((name, segment))
                names.add(name)
    uses = {name: _parity_identifiers(segment) for name, segment in definitions}
    reachable, queue = {entry_point}, [entry_point]
    while queue:
        for used in uses.get(queue.pop(0), ()):
            if used not in reachable:
                reachable.add(used)
                queue.append(used)
    kept = imports + [segment for name, segment in definitions if name in reachable]
    sanitized = '\n'.join(kept).strip()
    return sanitized if sanitized else _parity_code_extract(text)
`;
