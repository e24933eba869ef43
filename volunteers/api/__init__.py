"""The volunteers app's REST API: viewsets (``views``), serializers and routes (``urls``)."""
