"""Plans: from a diagnosis to a SMART performance improvement plan, its training schedule,
check-ins and reviews, and the interview outline (`build_plan`)."""

from .build import build_plan, plan_start
from .model import Plan

__all__ = ["Plan", "build_plan", "plan_start"]
