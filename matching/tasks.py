from celery import shared_task

from matching import services


@shared_task
def expire_overdue_requests() -> int:
    return services.expire_overdue_requests()
