[
  {
    "name": "billing",
    "image": "${repository}:${tag}",
    "essential": true,
    "user": "1000",
    "memoryReservation": ${memory},
    "healthCheck": {"command": ["CMD", "/healthcheck"]},
    "logConfiguration": {
      "logDriver": "awslogs",
      "options": {"awslogs-group": "/ecs/billing", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "billing"}
    }
  }
]
