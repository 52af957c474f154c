"""The pure matching algorithms, with no Django import (a test makes sure): what the engine knows of people
(features), the hard exclusions, explainable scores and their reasons, the optimal capacity-constrained solver, and
board coverage. The Django side loads people into `Person`s (matching.selectors.people) and calls what is below.
"""

from matching.engine.coverage import Boards, favour_uncovered, propose_boards
from matching.engine.exclusions import EXCLUSION_TEXT, Exclusion, pair_exclusion
from matching.engine.features import CRITERIA, CRITERIA_LABELS, EXCLUDED_SCORE, MentorPool, Person, Weights
from matching.engine.scoring import (
    Explanation,
    ScoredMentee,
    TopCandidates,
    explain,
    explain_pairs,
    score_matrix,
    score_mentee,
    top_candidates,
)
from matching.engine.solver import Assignment, Unmatched, match, solve, solve_dense

__all__ = [
    "CRITERIA",
    "CRITERIA_LABELS",
    "EXCLUDED_SCORE",
    "EXCLUSION_TEXT",
    "Assignment",
    "Boards",
    "Exclusion",
    "Explanation",
    "MentorPool",
    "Person",
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
