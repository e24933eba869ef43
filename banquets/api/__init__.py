"""The banquets API: canteens, the rules in force, the live check, bookings and violations.

``views`` holds the endpoints, ``serializers`` what they read and answer, ``urls`` the routes
(mounted at ``/api/banquets/``).
"""
