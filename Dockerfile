# One image for every fundwatch service; the command picks the role.
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY shared ./shared
COPY services ./services
COPY examples ./examples
COPY sources.yaml ./
RUN pip install --no-cache-dir . && useradd --system fundwatch
USER fundwatch
EXPOSE 8000
CMD ["fundwatch", "api", "--host", "0.0.0.0"]
