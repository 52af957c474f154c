import random

from matching import demo as matching_demo
from matching.models import Mentorship
from mentoring.profiles import demo as profiles_demo
from programs import demo as programs_demo
from programs.models import Survey, SurveyAsk
from sessions import demo
from sessions.models import ClosingAnswer, ThankYouNote
from sessions.selectors.closing import closing_summary


def test_demo_gives_the_coordinators_end_of_program_figures_and_is_idempotent(db):
    context = {"rng": random.Random(1), "password": "x"}
    profiles_demo.seed(context)
    programs_demo.seed(context)
    matching_demo.seed(context)
    demo.seed(context)
    counts = [model.objects.count() for model in (Mentorship, ClosingAnswer, SurveyAsk, Survey, ThankYouNote)]
    demo.seed(context)
    assert [model.objects.count() for model in (Mentorship, ClosingAnswer, SurveyAsk, Survey, ThankYouNote)] == counts

    closing = closing_summary(context["cohorts"]["closing"])
    assert closing["prompt_open"] and not closing["ended"]
    assert 0 < closing["answered"] < closing["sides"]
    assert closing["survey_average"] is not None and closing["helped_most"]
    assert closing["closing_survey"].questions.count() == 2

    ended = closing_summary(context["cohorts"]["ended"])
    assert ended["ended"]
    assert (ended["converted"], ended["completed"], ended["converted_rate"]) == (2, 3, 40)
    assert ended["thank_you_notes"] == 3
