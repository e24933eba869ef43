"""Monthly dispatch reports (月调度), the annual assessment and the leaders' dashboards."""
