"""What ``apiway check`` needs to read an AWS SAM template: a small YAML reader
(:mod:`~apiway.local.sam.yaml_reader`), the functions and their API events
(:mod:`~apiway.local.sam.template`), and which routes they reach
(:mod:`~apiway.local.sam.coverage`). Standard library only; nothing else loads it.
"""
