"""Runnable copies of the documentation's examples (the tests check they match docs/ word for word)."""
