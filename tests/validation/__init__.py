"""Tests of apiway.validation."""
