"""The pure matching algorithms, with no Django import (a test makes sure): what the engine knows of people
(features), a program's own rules (rules), the hard exclusions, explainable scores and their reasons, the candidate
graph, the optimal capacity-constrained solver, and board coverage. The Django side loads people into `Person`s and a
program's rules into a `Policy` (matching.selectors.people) and calls what is below.
"""

from matching.engine.candidates import TopCandidates, top_candidates
from matching.engine.coverage import Boards, favour_uncovered, propose_boards
from matching.engine.exclusions import EXCLUSION_TEXT, Exclusion, pair_exclusion
from matching.engine.features import CRITERIA, CRITERIA_LABELS, EXCLUDED_SCORE, MentorPool, Person, Weights
from matching.engine.reasons import COORDINATOR, MENTEE, Voice
from matching.engine.rules import NO_POLICY, Effect, Operator, Policy, Rule
from matching.engine.scoring import Explanation, ScoredMentee, explain, explain_pairs, score_matrix, score_mentee
from matching.engine.solver import Assignment, Unmatched, match, solve, solve_dense

__all__ = [
    "COORDINATOR",
    "MENTEE",
    "Voice",
    "CRITERIA",
    "CRITERIA_LABELS",
    "EXCLUDED_SCORE",
    "EXCLUSION_TEXT",
    "NO_POLICY",
    "Assignment",
    "Boards",
    "Effect",
    "Exclusion",
    "Explanation",
    "MentorPool",
    "Operator",
    "Person",
    "Policy",
    "Rule",
    "ScoredMentee",
    "TopCandidates",
    "Unmatched",
    "Weights",
    "explain",
    "explain_pairs",
    "favour_uncovered",
    "match",
    "pair_exclusion",
    "propose_boards",
    "score_matrix",
    "score_mentee",
    "solve",
    "solve_dense",
    "top_candidates",
]
