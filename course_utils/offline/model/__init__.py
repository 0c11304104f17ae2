"""The models the offline service serves, each in its own package behind api/protocol.py.

    acme_tiny/   the course's own small model, trained from scratch (weights in offline/weights/acme-tiny/)
"""
