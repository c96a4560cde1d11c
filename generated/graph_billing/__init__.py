"""A client library for accessing Microsoft Graph partner billing operations"""
