from opendata.datasets import DATASETS


def test_world_has_rows_in_every_dataset(world):
    for slug, dataset in DATASETS.items():
        assert list(dataset.rows()), slug
