"""A sample todo service on apiway: one Lambda function, routers in their own modules."""
